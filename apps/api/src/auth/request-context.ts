import type { Caller } from '../access/index.js';

/** What every GraphQL operation's context holds: its caller (if any credential was valid) and source. */
export interface RequestContext {
  readonly caller: Caller | undefined;
  /** The address the request came from, for the audit log. */
  readonly sourceAddress: string | undefined;
  /** The HTTP request, for queries and mutations (absent for subscriptions). */
  readonly req?: unknown;
}
