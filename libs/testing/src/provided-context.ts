/** What the global setup provides to every test file of an integration project (vitest `inject`). */
declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    temporalBinary: string;
  }
}

export {};
