import type { EC2Client } from '@aws-sdk/client-ec2';
import { mapEc2Error } from './ec2-errors.js';

/**
 * The EC2 client of a session, with every failure mapped once (see `ec2-errors.ts`). Callers
 * send SDK commands through `call` and never see an SDK error.
 */
export class Ec2Api {
  constructor(readonly client: EC2Client) {}

  /** Sends through the client; a failure comes back as a `PitrixError` or a retryable plain error. */
  async call<Output>(action: string, send: (client: EC2Client) => Promise<Output>): Promise<Output> {
    try {
      return await send(this.client);
    } catch (err) {
      throw mapEc2Error(action, err);
    }
  }

  /** Releases the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}
