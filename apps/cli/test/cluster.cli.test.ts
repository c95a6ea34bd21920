import { apiUrl, startApi } from '@pitrix/api';
import { projectionSnapshot } from '@pitrix/cluster-store';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';

const GATED = join(__dirname, '../../api/test/testdata/packages/gated-init');

describe('pitrix cluster / job / admin against the running API and a real worker', () => {
  let api: ApiHarness;
  let jobId: string;
  let clusterId: string;
  const { pitrix } = adminCli(() => api);
  const createRuntime = async (name: string, options: Record<string, unknown>) => {
    const body = await api.graphql<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, { input: { name, provider: 'local', zone: 'local', options } });
    return body.data!.createRuntime.id;
  };

  beforeAll(async () => {
    api = await startApiHarness('cli_cluster', { startApi, apiUrl }, { agents: 'built', monitorAgents: true });
    await createRuntime('sim', { simulateDrones: true, simulatedCommandMs: 20 });
  });
  afterAll(() => api?.close());

  it('cluster create --wait shows layers and tasks and ends with the successful job', async () => {
    const created = await pitrix(['--json', 'cluster', 'create', '--package', GATED, '--set', 'cluster.name=cli-app', '--set', 'cluster.node.count=2', '--wait']);
    expect(created.code).toBe(0);
    const result = JSON.parse(created.stdout) as { jobId: string; clusterId: string; placement: { reason: string }; job: { status: string; layers: unknown[] } };
    expect(result.job.status).toBe('successful');
    expect(result.placement.reason).toContain('the only runtime of admin');
    jobId = result.jobId;
    clusterId = result.clusterId;
    const human = await pitrix(['cluster', 'stop', clusterId, '--wait']);
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/^layer 1\/\d+$/m);
    expect(human.stderr).toMatch(/^ {2}successful /m);
    expect(human.stdout).toContain(`successful: stop of ${clusterId}`);
  });

  it('job list --json and cluster list/show', async () => {
    const listed = await pitrix(['--json', 'job', 'list', '--cluster', clusterId]);
    expect(listed.code).toBe(0);
    const jobs = (JSON.parse(listed.stdout) as { totalCount: number; jobs: Array<{ id: string; action: string; status: string; temporalUrl: string }> }).jobs;
    expect(jobs.map((j) => [j.action, j.status])).toEqual([['stop', 'successful'], ['create', 'successful']]);
    expect(jobs.find((j) => j.id === jobId)!.temporalUrl).toContain(encodeURIComponent(`cluster/${clusterId}`));
    const clusters = JSON.parse((await pitrix(['--json', 'cluster', 'list', '--search', 'cli-app'])).stdout) as { clusters: Array<{ id: string; status: string }> };
    expect(clusters.clusters).toEqual([expect.objectContaining({ id: clusterId, status: 'stopped' })]);
    const shown = await pitrix(['cluster', 'show', clusterId]);
    expect(shown.stdout).toMatch(/^status: +stopped/m);
    expect(shown.stdout).toMatch(/^ROLE +NODES +CPU +MEMORY +VOLUME +IMAGE$/m);
    // The package's role declares no container, so it has no image.
    expect(shown.stdout).toMatch(/^node +2 +\d+ +\d+ MiB +\d+ GiB +-$/m);
  });

  it('cluster show gives the cluster’s health and each node’s, with its reason and age', async () => {
    const watched = await createRuntime('watched', { networks: ['watched'] });
    const created = await pitrix(['--json', 'cluster', 'create', '--package', GATED, '--runtime', watched, '--set', 'cluster.name=watched', '--set', 'cluster.node.count=1', '--wait']);
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { clusterId: string }).clusterId;
    const health = async () => (JSON.parse((await pitrix(['--json', 'cluster', 'show', id])).stdout) as { health: { status: string; healthy: number } }).health;
    await expect.poll(health, { timeout: 60_000, interval: 500 }).toMatchObject({ status: 'healthy', healthy: 1 });
    const shown = await pitrix(['cluster', 'show', id]);
    expect(shown.stdout).toMatch(/^health: +healthy \(1 healthy, 0 unhealthy, 0 unknown\) since \d{4}-/m);
    expect(shown.stdout).toMatch(/^NODE +ROLE +SID +STATUS +HEALTH +SINCE /m);
    expect(shown.stdout).toMatch(/^cln-\S+ +node +1 +active +healthy +\d+s /m);
    expect(shown.stdout).not.toContain('not healthy:');
    expect(shown.stdout).toMatch(/^healing: +on: a node down for 60 s gets a new instance$/m);
  });

  it('cluster healing turns healing off and on; runtime show gives the runtime’s healing; a release without a meltdown is refused', async () => {
    const id = (JSON.parse((await pitrix(['--json', 'cluster', 'list', '--search', 'watched'])).stdout) as { clusters: Array<{ id: string; runtimeId: string }> }).clusters[0]!;
    const off = await pitrix(['cluster', 'healing', id.id, '--off']);
    expect(off.stdout).toBe(`cluster ${id.id}: healing off\n`);
    expect((await pitrix(['cluster', 'show', id.id])).stdout).toMatch(/^healing: +off$/m);
    const on = await pitrix(['--json', 'cluster', 'healing', id.id, '--on', '--grace', '30']);
    expect(JSON.parse(on.stdout)).toEqual({ id: id.id, healing: { enabled: true, graceSeconds: 30 } });
    const both = await pitrix(['cluster', 'healing', id.id, '--on', '--off']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('exactly one of --on and --off');
    const runtime = await pitrix(['runtime', 'show', id.runtimeId]);
    expect(runtime.stdout).toMatch(/^healing: +healing since /m);
    expect(runtime.stdout).toMatch(/^meltdown at: more than 30% or 10 nodes down \(platform defaults\)$/m);
    const release = await pitrix(['runtime', 'release-meltdown', id.runtimeId]);
    expect(release.code).toBe(1);
    expect(release.stderr).toContain('is not in meltdown');
  });

  it('cluster delete-backup plans the delete_snapshot hooks, and names what is missing when there are none', async () => {
    const id = (JSON.parse((await pitrix(['--json', 'cluster', 'list', '--search', 'watched'])).stdout) as { clusters: Array<{ id: string }> }).clusters[0]!.id;
    const planned = await pitrix(['cluster', 'delete-backup', id, '--snapshot-id', 'snap-1', '--dry-run']);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('no role of the cluster has a delete_snapshot hook');
  });

  it('job replay replays the job’s history against the current workflow code', async () => {
    const replayed = await pitrix(['job', 'replay', jobId]);
    expect(replayed.stderr).not.toContain('pitrix:');
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain(`job ${jobId}: replayed without a determinism error`);
  });

  it('a failing job makes --wait exit non-zero with the failed task, node, exit code and output tail', async () => {
    const real = await createRuntime('real', { networks: ['real'] });
    const failed = await pitrix(['cluster', 'create', '--package', GATED, '--runtime', real, '--set', 'cluster.node.count=1', '--set', 'env.marker=/nonexistent/marker', '--wait']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/node: +cln-/);
    expect(failed.stderr).toContain('exit code: 3');
    expect(failed.stderr).toContain('init: marker /nonexistent/marker is missing');
    expect(failed.stderr).toContain('pitrix job retry job-');
  });

  it('job cancel --wait stops a running job', async () => {
    const slow = await createRuntime('slow', { simulateDrones: true, simulatedCommandMs: 20_000, networks: ['slow'] });
    const created = JSON.parse((await pitrix(['--json', 'cluster', 'create', '--package', GATED, '--runtime', slow])).stdout) as { jobId: string };
    await expect.poll(async () => (JSON.parse((await pitrix(['--json', 'job', 'show', created.jobId])).stdout) as { status: string }).status, { timeout: 60_000, interval: 500 }).toBe('running');
    const cancelled = await pitrix(['job', 'cancel', created.jobId, '--wait']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain(`job ${created.jobId}: cancelled`);
  });

  it('admin rebuild-projections yields identical projections', async () => {
    // The cancelled job's tasks in flight run to their end and record it after the job ended.
    const inFlightAfterTheirJob = async () =>
      Number(
        ((await api.db.dataSource.query(
          `SELECT count(*) AS n FROM cluster.tasks t JOIN cluster.jobs j ON j.id = t.job_id WHERE t.status = 'running' AND j.status <> 'running'`,
        )) as Array<{ n: string }>)[0]?.n,
      );
    await expect.poll(inFlightAfterTheirJob, { timeout: 60_000, interval: 500 }).toBe(0);
    let before = await projectionSnapshot(api.db.dataSource);
    for (const deadline = Date.now() + 60_000; ; ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const next = await projectionSnapshot(api.db.dataSource);
      if (JSON.stringify(next) === JSON.stringify(before)) break;
      if (Date.now() > deadline) throw new Error('the projections kept changing for 60 s');
      before = next;
    }
    const rebuilt = await pitrix(['admin', 'rebuild-projections']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^rebuilt the cluster read models from \d+ events$/m);
    expect(await projectionSnapshot(api.db.dataSource)).toEqual(before);
  });
});
