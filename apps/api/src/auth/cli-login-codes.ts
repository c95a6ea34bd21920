import { randomBytes } from 'node:crypto';

/** How long the CLI has to exchange a code after the browser reached its loopback listener. */
const CODE_TTL_MS = 2 * 60_000;
const MAX_CODES = 1_000;

interface Pending {
  readonly token: string;
  readonly tokenId: string;
  readonly until: number;
}

/**
 * One-time codes that hand a token minted at the end of an SSO login to the CLI that started it:
 * the browser carries only the code to the CLI's loopback address, and the CLI trades it for the
 * token once, so the token never travels in a URL.
 */
export class CliLoginCodes {
  private readonly pending = new Map<string, Pending>();

  issue(token: string, tokenId: string): string {
    this.sweep();
    if (this.pending.size >= MAX_CODES) this.pending.delete(this.pending.keys().next().value as string);
    const code = randomBytes(24).toString('base64url');
    this.pending.set(code, { token, tokenId, until: Date.now() + CODE_TTL_MS });
    return code;
  }

  /** The token for a code, once; undefined for an unknown, used or expired code. */
  redeem(code: string): { token: string; tokenId: string } | undefined {
    const found = this.pending.get(code);
    this.pending.delete(code);
    return found && found.until >= Date.now() ? { token: found.token, tokenId: found.tokenId } : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [code, pending] of this.pending) if (pending.until < now) this.pending.delete(code);
  }
}
