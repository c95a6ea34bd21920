import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPitrixError } from '@pitrix/errors';
import { allSettingGroups, describeSettings, integer, text, loadApiConfig, loadDroneConfig, loadFrontgateConfig, loadDevStackConfig, loadPackageConfig, loadWorkerConfig, parseSettingGroups, setting } from '../src/index.js';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (isPitrixError(err)) return { code: err.code, message: err.message, problems: err.problems };
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('loadApiConfig', () => {
  it('gives the embedded single-machine defaults', () => {
    const config = loadApiConfig({});
    expect(config.api).toEqual({ host: '127.0.0.1', port: 4000, appListCache: true, subscriptionQueueMax: 1000, dashboardDir: '' });
    expect(loadApiConfig({ PITRIX_API_APP_LIST_CACHE: 'false' }).api.appListCache).toBe(false);
    // Empty: the API serves this checkout's built dashboard; a given folder is made absolute.
    expect(loadApiConfig({ PITRIX_DASHBOARD_DIR: 'build/site' }).api.dashboardDir).toBe(resolve('build/site'));
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.temporal.namespace).toBe('pitrix');
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/pitrix');
    expect(config.nats.url).toBe('nats://127.0.0.1:4225');
    expect(config.nats.leafUrl).toBe('tls://127.0.0.1:7425');
    expect(config.nats.authDir).toMatch(/\/\.pitrix\/nats\/auth$/);
    expect(config.s3).toEqual({ endpoint: 'http://127.0.0.1:9310', region: 'us-east-1' });
  });

  it('gives the dev S3 server its key pair and buckets, and never the secret to the API', () => {
    const { devStack } = loadDevStackConfig({ PITRIX_DEV_S3_BUCKETS: 'repo-a, repo-b' });
    expect(devStack).toMatchObject({ s3AccessKeyId: 'pitrix-dev', s3Buckets: ['repo-a', 'repo-b'] });
    expect(devStack.s3SecretAccessKey).not.toBe('');
    expect(JSON.stringify(loadApiConfig({}))).not.toContain(devStack.s3SecretAccessKey);
  });

  it.each([
    ['an unparseable port', { PITRIX_API_PORT: 'forty' }, 'PITRIX_API_PORT', 'an integer from 0 to 65535'],
    ['a port out of range', { PITRIX_API_PORT: '70000' }, 'PITRIX_API_PORT', 'an integer from 0 to 65535'],
    ['a hub leaf port out of range', { PITRIX_NATS_LEAF_PORT: '0' }, 'PITRIX_NATS_LEAF_PORT', 'an integer from 1 to 65535'],
    ['a database URL of the wrong scheme', { PITRIX_DATABASE_URL: 'mysql://x/y' }, 'PITRIX_DATABASE_URL', 'a URL with scheme postgres or postgresql'],
    ['a Temporal address without a port', { PITRIX_TEMPORAL_ADDRESS: 'localhost' }, 'PITRIX_TEMPORAL_ADDRESS', 'host:port, for example 127.0.0.1:7233'],
    ['an unknown log level', { PITRIX_LOG_LEVEL: 'loud' }, 'PITRIX_LOG_LEVEL', 'one of debug, info, warn, error'],
    ['an S3 endpoint that is not http(s)', { PITRIX_S3_ENDPOINT: 's3://bucket' }, 'PITRIX_S3_ENDPOINT', 'a URL with scheme http or https'],
    ['a fetch allowance that is a URL', { PITRIX_FETCH_ALLOW: '127.0.0.1,http://repo.internal/' }, 'PITRIX_FETCH_ALLOW', 'comma-separated host[:port], IP address[:port] or CIDR entries, e.g. 127.0.0.1,10.0.0.0/8,repo.internal:8080'],
  ])('rejects %s, naming the setting', (_case, env, setting, expected) => {
    const error = problemsOf(() => loadDevStackConfig(env));
    expect(error.code).toBe('CONFIG.INVALID');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ path: setting, expected });
    expect(error.message).toContain(setting);
  });

  it('parses the fetch allowance: host[:port], IP[:port], [v6]:port and CIDR entries, nothing by default', () => {
    expect(loadWorkerConfig({}).fetch).toEqual({ allow: [], timeoutSeconds: 120, maxRedirects: 5 });
    expect(loadApiConfig({ PITRIX_FETCH_ALLOW: '127.0.0.1, ::1, [::1]:9000, 10.0.0.0/8, repo.internal:8080' }).fetch.allow).toEqual(['127.0.0.1', '::1', '[::1]:9000', '10.0.0.0/8', 'repo.internal:8080']);
  });

  it('reports every bad setting at once', () => {
    const error = problemsOf(() => loadApiConfig({ PITRIX_API_PORT: 'x', PITRIX_NATS_URL: 'http://nope' }));
    expect(error.problems.map((p) => p.path).sort()).toEqual(['PITRIX_API_PORT', 'PITRIX_NATS_URL']);
  });

  it('never echoes a secret value in the error', () => {
    const group = { key: setting('TEST_SECRET_KEY', undefined, { description: 'a key', secret: true }, integer(1, 9)) };
    const error = problemsOf(() => parseSettingGroups({ group }, { TEST_SECRET_KEY: 's3cr3t-value' }));
    expect(error.problems[0]?.path).toBe('TEST_SECRET_KEY');
    expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
  });

  it('names a required setting that is missing', () => {
    const group = { key: setting('TEST_REQUIRED', undefined, { description: 'a required thing' }, integer(1, 9)) };
    const error = problemsOf(() => parseSettingGroups({ group }, {}));
    expect(error.problems[0]).toMatchObject({ path: 'TEST_REQUIRED', message: 'is required but not set' });
  });

  it('the worker config is valid with defaults and shares the Temporal settings', () => {
    expect(loadWorkerConfig({ PITRIX_TEMPORAL_TASK_QUEUE: 'q1' }).temporal.taskQueue).toBe('q1');
  });
});

describe('loadPackageConfig', () => {
  it('gives the package loaders their default limits', () => {
    expect(loadPackageConfig({}).package).toEqual({
      maxArchiveBytes: 16 * 1024 * 1024,
      maxFiles: 2000,
      maxFileBytes: 8 * 1024 * 1024,
      maxTotalBytes: 64 * 1024 * 1024,
      helmBinary: join(homedir(), '.cache/pitrix/bin/helm-v4.3.2/helm'),
    });
  });

  it('rejects a limit that is not a whole number, naming it', () => {
    const error = problemsOf(() => loadPackageConfig({ PITRIX_PACKAGE_MAX_FILES: 'many' }));
    expect(error.problems[0]).toMatchObject({ path: 'PITRIX_PACKAGE_MAX_FILES' });
  });
});

describe('describeSettings', () => {
  it('lists every variable once, with secrets masked', () => {
    const rows = Object.values(allSettingGroups).flatMap((group) => describeSettings(group));
    const names = rows.map((row) => row.env);
    expect(new Set(names).size).toBe(names.length);
    const secret = { key: setting('TEST_SECRET_KEY', 'dev-value', { description: 'a key', secret: true }, text) };
    expect(describeSettings(secret)[0]?.defaultValue).toBe('(dev default, secret)');
  });
});

describe('agent configuration', () => {
  const drone = {
    PITRIX_FRONTGATE_ID: 'fg-1',
    PITRIX_DATA_DIR: '/var/lib/node',
    PITRIX_FRONTGATE_URL: 'nats://10.0.0.1:4222',
    PITRIX_DRONE_SEED: 'SUSEED',
    PITRIX_CLUSTER_ID: 'cl-1',
    PITRIX_NODE_ID: 'cln-1',
    PITRIX_PRIVATE_IP: '10.0.0.7',
  };

  it('a drone needs only what its bootstrap and provider give it; the role defaults to role-less', () => {
    const config = loadDroneConfig(drone);
    expect(config.drone).toMatchObject({ role: '', serverId: 0, metadataPort: 9611, heartbeatIntervalMs: 10_000, privateIp: '10.0.0.7' });
    expect(config.agent).toMatchObject({ frontgateId: 'fg-1', dataDir: '/var/lib/node' });
  });

  it('a drone started without its bootstrap names every missing variable', () => {
    const error = problemsOf(() => loadDroneConfig({}));
    expect(error.problems.map((p) => p.path).sort()).toEqual(Object.keys(drone).sort());
  });

  it.each([
    ['a private address that is not an IP', { PITRIX_PRIVATE_IP: 'node-7' }, 'PITRIX_PRIVATE_IP'],
    ['a node id with a dot', { PITRIX_NODE_ID: 'cln.1' }, 'PITRIX_NODE_ID'],
    ['a frontgate URL of another scheme', { PITRIX_FRONTGATE_URL: 'http://x' }, 'PITRIX_FRONTGATE_URL'],
  ])('a drone rejects %s, naming it', (_case, change, setting) => {
    expect(problemsOf(() => loadDroneConfig({ ...drone, ...change })).problems[0]?.path).toBe(setting);
  });

  it('a frontgate names what is missing, and never echoes its credentials', () => {
    const missing = problemsOf(() => loadFrontgateConfig({}));
    expect(missing.problems.map((p) => p.path).sort()).toEqual([
      'PITRIX_DATA_DIR',
      'PITRIX_FRONTGATE_CREDENTIALS',
      'PITRIX_FRONTGATE_ID',
      'PITRIX_FRONTGATE_LISTEN',
      'PITRIX_HUB_CA_CERT',
      'PITRIX_HUB_LEAF_URL',
    ]);
    const blank = problemsOf(() => loadFrontgateConfig({ PITRIX_FRONTGATE_CREDENTIALS: '  \t  ' }));
    expect(blank.problems.find((p) => p.path === 'PITRIX_FRONTGATE_CREDENTIALS')?.found).toBe('(secret, not shown)');
  });
});
