import type { MonitorReport } from '@pitrix/agent-protocol';
import type { DataSource } from 'typeorm';

/** Rows deleted per statement by the retention sweep: short statements, no long lock on the table. */
const DELETE_BATCH = 5_000;
/** At most this many batches per sweep; the next sweep goes on where this one stopped. */
const MAX_BATCHES = 20;

/**
 * The monitor samples in PostgreSQL (`agents.monitor_samples`): one row per item of each report,
 * on the platform's clock like the health projection, so readers and the alarm evaluator compare
 * times from one clock.
 */
export class MonitorSampleStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the samples of a report received at `at` in one multi-row insert. */
  async record(report: MonitorReport, at: Date): Promise<void> {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const sample of report.samples) {
      const number = sample.value.case === 'number' ? sample.value.value : null;
      const text = sample.value.case === 'text' ? sample.value.value : null;
      if (sample.item === '' || (number === null && text === null)) continue;
      const base = values.length;
      values.push(report.clusterId, report.nodeId, report.role || null, sample.item, at, number, text);
      rows.push(`(${Array.from({ length: 7 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
    }
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO agents.monitor_samples (cluster_id, node_id, role, item, collected_at, value_number, value_text) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /** Deletes samples older than `cutoff`, in batches; returns how many went. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM agents.monitor_samples WHERE ctid = ANY (ARRAY(SELECT ctid FROM agents.monitor_samples WHERE collected_at < $1 LIMIT ${DELETE_BATCH}))`,
        [cutoff],
      )) as [unknown, number];
      deleted += count;
      if (count < DELETE_BATCH) break;
    }
    return deleted;
  }
}
