/** Per-process settings of the aws provider (the worker's, not a runtime's). */
export interface AwsProviderConfig {
  /** How often to poll EC2 while waiting for a state change (default 2 s). */
  readonly pollIntervalMs?: number;
  /** How long to wait for a state change before giving up with a retryable error (default 10 min). */
  readonly waitTimeoutMs?: number;
  /** SDK attempts per call; the SDK retries throttling and 5xx answers with backoff (default 3). */
  readonly maxAttempts?: number;
  /** Timeout of one HTTP request to EC2, connecting included (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Where to write one line per change made in EC2 (default: console). Never given secrets. */
  readonly log?: (line: string) => void;
}
