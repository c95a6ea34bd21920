/** Log levels, most verbose first. */
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A logger that writes one line per event to stderr, prefixed with the agent's name. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger for `name` that drops events below `level`. Callers never pass secrets. */
export function createLogger(name: string, level: (typeof LEVELS)[number]): Logger {
  const min = LEVELS.indexOf(level);
  const at = (lvl: (typeof LEVELS)[number]) => (message: string) => {
    if (LEVELS.indexOf(lvl) >= min) process.stderr.write(`${new Date().toISOString()} ${name} ${lvl}: ${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
