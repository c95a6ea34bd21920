/** Where the provider writes one line per change it makes in EC2. Never given secrets or user-data. */
export type ProviderLog = (line: string) => void;

/** The default log: one `console.info` line per change, prefixed with the provider name. */
export const consoleLog: ProviderLog = (line) => console.info(`aws: ${line}`);
