import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { assertToken } from '@pitrix/agent-protocol';
import { PitrixError } from '@pitrix/errors';

/** Bucket of the platform's frontgate records, in the hub's own JetStream (platform account). */
export const FRONTGATES_BUCKET = 'pitrix_frontgates';

/** What the platform remembers about a frontgate: its hub account and the keys issued and revoked. */
export interface FrontgateRecord {
  readonly frontgateId: string;
  /** Public key of the frontgate's hub account. */
  readonly account: string;
  readonly createdAt: string;
  /** Public keys of the leaf credentials issued so far. */
  readonly leafUsers: readonly string[];
  /** Revoked public keys → revoked-before time (seconds), as the account JWT lists them. */
  readonly revocations: Readonly<Record<string, number>>;
  /** Set when the whole frontgate was revoked. */
  readonly revokedAt?: string;
}

/**
 * The frontgate records, one KV entry per frontgate. Updates are compare-and-set on the entry's
 * revision, so two workers issuing credentials for one frontgate never lose each other's keys.
 */
export class FrontgateRegistry {
  private constructor(private readonly kv: KV) {}

  /** Opens (creating when missing) the registry bucket on the hub. */
  static async open(nats: NatsConnection): Promise<FrontgateRegistry> {
    const kv = await new Kvm(nats).create(FRONTGATES_BUCKET, { history: 1 });
    return new FrontgateRegistry(kv);
  }

  /** The record of `frontgateId`, or undefined when the platform never issued it. */
  async find(frontgateId: string): Promise<FrontgateRecord | undefined> {
    const entry = await this.kv.get(assertToken('frontgateId', frontgateId));
    if (!entry || entry.operation !== 'PUT') return undefined;
    return entry.json<FrontgateRecord>();
  }

  /** The record of `frontgateId`; `AGENT.FRONTGATE_NOT_FOUND` when there is none. */
  async get(frontgateId: string): Promise<FrontgateRecord> {
    const record = await this.find(frontgateId);
    if (!record) throw new PitrixError('AGENT.FRONTGATE_NOT_FOUND', `no frontgate ${frontgateId} was issued by this platform`);
    return record;
  }

  /**
   * Applies `change` to the current record (undefined when none) and stores the result if nobody
   * changed it meanwhile, retrying on a conflict. Returns what was stored.
   */
  async update(frontgateId: string, change: (current: FrontgateRecord | undefined) => FrontgateRecord): Promise<FrontgateRecord> {
    const key = assertToken('frontgateId', frontgateId);
    for (let attempt = 0; ; attempt++) {
      const entry = await this.kv.get(key);
      const current = entry && entry.operation === 'PUT' ? entry.json<FrontgateRecord>() : undefined;
      const next = change(current);
      try {
        if (entry) await this.kv.update(key, JSON.stringify(next), entry.revision);
        else await this.kv.create(key, JSON.stringify(next));
        return next;
      } catch (err) {
        if (attempt >= 10) throw err;
      }
    }
  }

  /** Every frontgate that is not revoked. */
  async active(): Promise<FrontgateRecord[]> {
    const records: FrontgateRecord[] = [];
    for await (const key of await this.kv.keys()) {
      const record = await this.find(key);
      if (record && !record.revokedAt) records.push(record);
    }
    return records;
  }

  /** Calls `onChange` with every record now and on every later change, until the returned stop is called. */
  async watch(onChange: (record: FrontgateRecord) => void): Promise<() => void> {
    const watcher = await this.kv.watch();
    void (async () => {
      for await (const entry of watcher) if (entry.operation === 'PUT') onChange(entry.json<FrontgateRecord>());
    })();
    return () => watcher.stop();
  }
}
