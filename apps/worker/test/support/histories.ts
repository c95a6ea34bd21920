import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * With PITRIX_RECORD_HISTORIES=1, saves a workflow run's history under test/histories/<name>.json,
 * where replay.test.ts replays it against the current workflow code on every run.
 */
export async function recordHistory(client: Client, workflowId: string, runId: string, name: string): Promise<void> {
  if (process.env.PITRIX_RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(join(__dirname, '..', 'histories', `${name}.json`), historyToJSON(history));
}
