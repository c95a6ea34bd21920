import { PitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import type { DataSource } from 'typeorm';
import { SecurityEventEntity } from './entities.js';
import { toEventRecord } from './records.js';
import type { SecurityEventRecord } from './types.js';
import { assertValid, checkFirst } from './validation.js';

/** A security event to record. `details` must not hold a secret; keys that name one are redacted anyway. */
export interface NewSecurityEvent {
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly actorId?: string;
  readonly actorLogin?: string;
  readonly target?: string;
  readonly sourceAddress?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Which events to list, newest first; `after` is the id of the last event of the previous page. */
export interface SecurityEventFilter {
  readonly action?: string;
  readonly actorId?: string;
  readonly since?: Date;
  readonly first: number;
  readonly after?: string;
}

// A last line of defence: a details key that names a secret never reaches the table.
const SECRET_KEY = /pass(word|phrase)?|secret|^token$|hash|credential|private.?key/i;

/** The append-only security event log. */
export class SecurityEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async record(event: NewSecurityEvent): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO account.security_events (id, at, action, outcome, actor_id, actor_login, target, source_address, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        newId('securityEvent'),
        this.now(),
        event.action,
        event.outcome,
        event.actorId ?? null,
        event.actorLogin ?? null,
        event.target ?? null,
        event.sourceAddress ?? null,
        JSON.stringify(redact(event.details ?? {})),
      ],
    );
  }

  async list(filter: SecurityEventFilter): Promise<{ items: SecurityEventRecord[]; totalCount: number }> {
    assertValid('event filter', [checkFirst(filter.first)]);
    const query = this.dataSource.manager.createQueryBuilder(SecurityEventEntity, 'e');
    if (filter.action !== undefined) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId !== undefined) query.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    if (filter.since !== undefined) query.andWhere('e.at >= :since', { since: filter.since });
    const totalCount = await query.getCount();
    if (filter.after !== undefined) {
      const last = await this.dataSource.manager.findOneBy(SecurityEventEntity, { id: filter.after });
      if (!last) throw new PitrixError('INPUT.INVALID', 'Unknown cursor', [{ path: 'after', message: 'not the id of an event', found: filter.after }]);
      query.andWhere('(e.at, e.id) < (:at, :id)', { at: last.at, id: last.id });
    }
    const rows = await query.orderBy('e.at', 'DESC').addOrderBy('e.id', 'DESC').take(filter.first).getMany();
    return { items: rows.map(toEventRecord), totalCount };
  }
}

function redact(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      SECRET_KEY.test(key) ? '[redacted]' : value !== null && typeof value === 'object' && !Array.isArray(value) ? redact(value as Record<string, unknown>) : value,
    ]),
  );
}
