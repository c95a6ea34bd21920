import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { boolean, hostPort, integer, list, oneOf, port, text, url } from './parsers.js';
import { setting, SettingParseError } from './setting.js';

function absolutePath(raw: string): string {
  return resolve(raw.replace(/^~(?=$|\/)/, homedir()));
}

/** Where Pitrix keeps local state (SQLite of the dev Temporal, NATS data, instance folders). */
export const homeSettings = {
  home: setting('PITRIX_HOME', '.pitrix', { description: 'Folder for local state: dev Temporal SQLite, NATS data, local instances' }, absolutePath),
  logLevel: setting('PITRIX_LOG_LEVEL', 'info', { description: 'Log level: debug, info, warn or error' }, oneOf('debug', 'info', 'warn', 'error')),
};

/** The GraphQL API listener. */
export const apiSettings = {
  host: setting('PITRIX_API_HOST', '127.0.0.1', { description: 'Address the GraphQL API listens on' }, text),
  port: setting('PITRIX_API_PORT', '4000', { description: 'Port of the GraphQL API (/graphql, WebSocket subscriptions on the same path); 0 picks a free one' }, integer(0, 65535)),
  appListCache: setting(
    'PITRIX_API_APP_LIST_CACHE',
    'true',
    { description: 'Serve repeated app-list queries from memory until the catalog changes (false: every query reads the database)' },
    boolean,
  ),
  subscriptionQueueMax: setting(
    'PITRIX_SUBSCRIPTION_QUEUE_MAX',
    '1000',
    { description: 'Events a GraphQL subscription may fall behind its client before it ends with SUBSCRIPTION.TOO_SLOW (the client resubscribes from its last event)' },
    integer(1, 1_000_000),
  ),
  dashboardDir: setting(
    'PITRIX_DASHBOARD_DIR',
    '',
    { description: 'Folder of the built dashboard the API serves at / (empty: apps/dashboard/dist of this checkout, when built)' },
    (raw) => (raw.trim() === '' ? '' : absolutePath(raw.trim())),
  ),
};

/** PostgreSQL, the system of record. */
export const databaseSettings = {
  url: setting(
    'PITRIX_DATABASE_URL',
    'postgres://postgres@127.0.0.1:5432/pitrix',
    { description: 'PostgreSQL connection URL', secret: false },
    url('postgres', 'postgresql'),
  ),
  poolSize: setting('PITRIX_DATABASE_POOL_SIZE', '10', { description: 'Connections per process' }, integer(1, 500)),
};

/** The Temporal frontend that runs every operation. */
export const temporalSettings = {
  address: setting('PITRIX_TEMPORAL_ADDRESS', '127.0.0.1:7233', { description: 'host:port of the Temporal frontend' }, hostPort),
  namespace: setting('PITRIX_TEMPORAL_NAMESPACE', 'pitrix', { description: 'Temporal namespace' }, text),
  taskQueue: setting('PITRIX_TEMPORAL_TASK_QUEUE', 'pitrix', { description: 'Task queue the worker polls' }, text),
  uiUrl: setting('PITRIX_TEMPORAL_UI_URL', 'http://127.0.0.1:8233', { description: 'Base URL of the Temporal web UI, used for job links' }, url('http', 'https')),
};

/**
 * The platform's side of the NATS hub. The hub runs in operator (JWT) mode: the platform
 * connects with credentials from the trust folder, and issues frontgate accounts and agent
 * credentials with the signing keys kept there (see docs/agent-plane.md).
 */
export const natsSettings = {
  url: setting('PITRIX_NATS_URL', 'nats://127.0.0.1:4225', { description: 'Client URL of the NATS hub' }, url('nats', 'tls')),
  authDir: setting(
    'PITRIX_NATS_AUTH_DIR',
    '.pitrix/nats/auth',
    { description: "Folder of the hub's trust material: operator JWT, platform and system credentials, signing keys (created by npm start)" },
    absolutePath,
  ),
  leafUrl: setting(
    'PITRIX_NATS_LEAF_URL',
    'tls://127.0.0.1:7425',
    { description: 'Leaf-node URL of the hub as frontgates dial it (TLS)' },
    url('tls', 'nats-leaf'),
  ),
  caFile: setting(
    'PITRIX_NATS_CA_FILE',
    '.pitrix/tls/ca.pem',
    { description: "CA certificate frontgates use to verify the hub's leaf-node certificate (created by npm start)" },
    absolutePath,
  ),
};

/** The dev stack: where binaries are cached and which versions are built. */
export const devStackSettings = {
  binCache: setting('PITRIX_BIN_CACHE', '~/.cache/pitrix/bin', { description: 'Cache folder for go-installed binaries, outside the clone' }, absolutePath),
  temporalVersion: setting('PITRIX_TEMPORAL_CLI_VERSION', 'v1.5.1', { description: 'Temporal CLI version built with go install' }, text),
  natsServerVersion: setting('PITRIX_NATS_SERVER_VERSION', 'v2.12.15', { description: 'nats-server version built with go install' }, text),
  temporalUiPort: setting('PITRIX_TEMPORAL_UI_PORT', '8233', { description: 'Port of the dev Temporal web UI' }, port),
  natsLeafPort: setting('PITRIX_NATS_LEAF_PORT', '7425', { description: 'Leaf-node port of the NATS hub (frontgates dial it)' }, port),
  natsMonitorPort: setting('PITRIX_NATS_MONITOR_PORT', '8225', { description: 'HTTP monitoring port of the NATS hub' }, port),
  s3AccessKeyId: setting('PITRIX_DEV_S3_ACCESS_KEY_ID', 'pitrix-dev', { description: 'Access key id the dev S3 server accepts (started by npm start on the port of PITRIX_S3_ENDPOINT)' }, text),
  s3SecretAccessKey: setting(
    'PITRIX_DEV_S3_SECRET_ACCESS_KEY',
    'pitrix-dev-secret-change-me',
    { description: 'Secret access key of the dev S3 server (never logged)', secret: true },
    text,
  ),
  s3Buckets: setting('PITRIX_DEV_S3_BUCKETS', 'pitrix-repo', { description: 'Comma-separated buckets the dev S3 server creates at start' }, list),
  kubernetes: setting(
    'PITRIX_DEV_KUBERNETES',
    'false',
    {
      description:
        'npm start also runs a local Kubernetes control plane (etcd, kube-apiserver, controller manager, scheduler, kwok fake nodes; built once into the binary cache) and writes its admin kubeconfig to kubernetes/kubeconfig under PITRIX_HOME',
    },
    boolean,
  ),
  kubernetesRuntime: setting(
    'PITRIX_DEV_KUBERNETES_RUNTIME',
    'false',
    { description: 'With PITRIX_DEV_KUBERNETES, npm start also registers that control plane as the kubernetes runtime dev-kubernetes (zone pitrix-dev) when missing' },
    boolean,
  ),
};

/**
 * How s3:// repositories are reached. A repository's own credential signs its requests; these
 * settings only say where the S3 API is (AWS itself, or any S3-compatible server).
 */
export const s3Settings = {
  endpoint: setting(
    'PITRIX_S3_ENDPOINT',
    'http://127.0.0.1:9310',
    { description: 'S3 API endpoint for s3:// repositories (path-style requests); the dev stack serves its S3 server here' },
    url('http', 'https'),
  ),
  region: setting('PITRIX_S3_REGION', 'us-east-1', { description: 'Region s3:// repository requests are signed for' }, text),
};

/** One PITRIX_FETCH_ALLOW entry: host[:port], an IP address[:port] ([v6]:port) or a CIDR block. */
function fetchAllowEntries(raw: string): string[] {
  const entries = list(raw);
  const entry = /^(?:[0-9a-fA-F.:]+\/\d{1,3}|\[[0-9a-fA-F:.]+\](?::\d{1,5})?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*|[^:\s/[\]]+(?::\d{1,5})?)$/;
  if (entries.some((item) => !entry.test(item))) throw new SettingParseError('comma-separated host[:port], IP address[:port] or CIDR entries, e.g. 127.0.0.1,10.0.0.0/8,repo.internal:8080');
  return entries;
}

/**
 * Where the worker and the API may fetch repository content from (http(s) repos and package
 * URLs in an index). Loopback, link-local, private, unspecified and metadata addresses are refused
 * unless an entry allows them; the test suites and `npm start` set this to their loopback servers.
 */
export const fetchSettings = {
  allow: setting(
    'PITRIX_FETCH_ALLOW',
    '',
    { description: 'Destinations repository fetches may reach despite being loopback, link-local, private or metadata addresses, and hosts besides a repo\'s own that its index may point package URLs at: comma-separated host[:port], IP[:port] or CIDR' },
    fetchAllowEntries,
  ),
  timeoutSeconds: setting('PITRIX_FETCH_TIMEOUT_SECONDS', '120', { description: 'Seconds one repository fetch (index or package archive, redirects included) may take in all' }, integer(1, 3600)),
  maxRedirects: setting('PITRIX_FETCH_MAX_REDIRECTS', '5', { description: 'Redirects a repository fetch follows, only within the same scheme, host and port' }, integer(0, 20)),
};

/** Limits on what a package loader accepts: from a directory, a `.tgz` or the network. */
export const packageSettings = {
  maxArchiveBytes: setting('PITRIX_PACKAGE_MAX_ARCHIVE_BYTES', '16777216', { description: 'Largest package archive (.tgz) accepted, in bytes, compressed' }, integer(1024, 2 ** 32)),
  maxFiles: setting('PITRIX_PACKAGE_MAX_FILES', '2000', { description: 'Most entries (files and folders) a package may contain' }, integer(3, 1_000_000)),
  maxFileBytes: setting('PITRIX_PACKAGE_MAX_FILE_BYTES', '8388608', { description: 'Largest single file in a package, in bytes, uncompressed' }, integer(1024, 2 ** 32)),
  maxTotalBytes: setting('PITRIX_PACKAGE_MAX_TOTAL_BYTES', '67108864', { description: 'Largest total of all files in a package, in bytes, uncompressed' }, integer(1024, 2 ** 34)),
  helmBinary: setting(
    'PITRIX_HELM_BINARY',
    '~/.cache/pitrix/bin/helm-v4.3.2/helm',
    { description: 'helm binary that lints and renders charts and runs releases on kubernetes runtimes (npm start and npm test build it into the binary cache)' },
    absolutePath,
  ),
};
