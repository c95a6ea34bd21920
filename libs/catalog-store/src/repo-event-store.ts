import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import { In, type DataSource } from 'typeorm';
import { RepoEntity, RepoEventEntity, type IndexFailure, type RepoEventTrigger } from './entities.js';

/** The counts of a finished run. */
export interface IndexCounts {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly failures: readonly IndexFailure[];
}

/** Opening a run: the new pending event, or the unfinished one that already holds the repo. */
export type OpenedEvent = { readonly opened: true; readonly event: RepoEventEntity } | { readonly opened: false; readonly event: RepoEventEntity };

/**
 * Repo events: one per index run. The database holds at most one unfinished (pending or working)
 * event per repo, so two requests at the same moment open one run between them.
 */
export class RepoEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens a pending event unless the repo already has an unfinished one (then returns that). */
  async open(repoId: string, trigger: RepoEventTrigger, options: { id?: string; workflowId?: string } = {}): Promise<OpenedEvent> {
    const repo = await this.dataSource.manager.findOneBy(RepoEntity, { id: repoId });
    if (!repo) throw new PitrixError('CATALOG.REPO_NOT_FOUND', `Repo ${repoId} does not exist`);
    const id = options.id ?? newId('repoEvent');
    const inserted = (await this.dataSource.query(
      `INSERT INTO catalog.repo_events (id, repo_id, trigger, status, workflow_id, owner, owner_path)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [id, repoId, trigger, options.workflowId ?? null, repo.owner, repo.ownerPath],
    )) as Array<{ id: string }>;
    if (inserted.length > 0) return { opened: true, event: await this.get(id) };
    const existing = await this.dataSource.manager.findOneBy(RepoEventEntity, { id });
    if (existing) return { opened: true, event: existing };
    const unfinished = await this.unfinished(repoId);
    if (!unfinished) return this.open(repoId, trigger, options);
    return { opened: false, event: unfinished };
  }

  /** The repo's unfinished event, if any. */
  async unfinished(repoId: string): Promise<RepoEventEntity | null> {
    return this.dataSource.manager.findOneBy(RepoEventEntity, { repoId, status: In(['pending', 'working']) });
  }

  /** An event, or `CATALOG.REPO_EVENT_NOT_FOUND`. */
  async get(id: string): Promise<RepoEventEntity> {
    const found = isId('repoEvent', id) ? await this.dataSource.manager.findOneBy(RepoEventEntity, { id }) : null;
    if (!found) throw new PitrixError('CATALOG.REPO_EVENT_NOT_FOUND', `Repo event ${id} does not exist`);
    return found;
  }

  /** Records the workflow that runs an event. */
  async attachWorkflow(id: string, workflowId: string): Promise<void> {
    await this.dataSource.manager.update(RepoEventEntity, { id }, { workflowId });
  }

  /** Marks a pending event working (idempotent). */
  async start(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE catalog.repo_events SET status = 'working', started_at = coalesce(started_at, now()) WHERE id = $1 AND status IN ('pending', 'working')`, [id]);
  }

  /** Marks an event successful with its counts (idempotent: a finished event is left as it is). */
  async succeed(id: string, counts: IndexCounts): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalog.repo_events SET status = 'successful', added = $2, updated = $3, removed = $4, unchanged = $5, failures = $6::jsonb, finished_at = now()
       WHERE id = $1 AND status IN ('pending', 'working')`,
      [id, counts.added, counts.updated, counts.removed, counts.unchanged, JSON.stringify(counts.failures)],
    );
  }

  /** Marks an event failed with its error text (idempotent). */
  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE catalog.repo_events SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('pending', 'working')`, [id, error]);
  }
}
