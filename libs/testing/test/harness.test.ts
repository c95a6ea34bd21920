import { connect } from '@nats-io/transport-node';
import { systemSchema } from '@pitrix/db';
import { afterAll, describe, expect, it } from 'vitest';
import { connectTestTemporal, createTestDatabase, startTestNatsHub, uniqueTaskQueue, type TestDatabase } from '../src/index.js';

describe('test harness on the real servers', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('gives each test its own fully migrated database', async () => {
    const [a, b] = await Promise.all([createTestDatabase('harness_a', [systemSchema]), createTestDatabase('harness_b', [systemSchema])]);
    databases.push(a, b);
    expect(a.url).not.toBe(b.url);
    await a.dataSource.query(`INSERT INTO system.skeleton_runs (run_id, workflow_id, message, attempt) VALUES ('r', 'w', 'm', 1)`);
    const inB = (await b.dataSource.query('SELECT count(*)::int AS n FROM system.skeleton_runs')) as Array<{ n: number }>;
    expect(inB[0]?.n).toBe(0);
  });

  it('drops a database completely', async () => {
    const db = await createTestDatabase('harness_drop', [systemSchema]);
    await db.drop();
    const probe = await createTestDatabase('harness_probe', [systemSchema]);
    databases.push(probe);
    const name = new URL(db.url).pathname.slice(1);
    const rows = (await probe.dataSource.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])) as unknown[];
    expect(rows).toEqual([]);
  });

  it('starts a private NATS hub in operator mode that only credentialed users can use', async () => {
    const hub = await startTestNatsHub();
    try {
      const nc = await hub.connect();
      expect(nc.info?.version).toMatch(/^2\./);
      await nc.close();
      await expect(connect({ servers: hub.url, user: 'platform', pass: 'guess' })).rejects.toThrow(/Authorization/);
      await expect(connect({ servers: hub.url })).rejects.toThrow(/Authorization/);
      const leafz = (await (await fetch(`${hub.monitorUrl}/varz`)).json()) as { leaf?: { tls_required?: boolean } };
      expect(leafz.leaf?.tls_required).toBe(true);
    } finally {
      await hub.stop();
    }
  });

  it('connects to the shared Temporal server, in the pitrix namespace', async () => {
    const env = await connectTestTemporal();
    try {
      expect(env.namespace).toBe('pitrix');
      const info = await env.client.workflowService.getSystemInfo({});
      expect(info.serverVersion).toMatch(/^1\./);
      expect(uniqueTaskQueue('x')).not.toBe(uniqueTaskQueue('x'));
    } finally {
      await env.teardown();
    }
  });
});

describe('the S3 test server', () => {
  it('serves objects to the signed key pair and refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const { startTestS3Server } = await import('../src/index.js');
    const s3 = await startTestS3Server({ buckets: ['harness'] });
    try {
      const sign = async (secret: string) => {
        const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
        const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: secret } });
        return client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'a/b c.txt', Body: 'x' })).then(() => 'stored', (err: Error) => err.name);
      };
      expect(await sign(s3.secretAccessKey)).toBe('stored');
      expect(await sign('not-the-secret')).toBe('SignatureDoesNotMatch');
    } finally {
      await s3.stop();
    }
  });
});
