import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness } from '@pitrix/e2e-harness';
import { freePort } from '@pitrix/devstack';
import { ensureTestTemporal, startTestS3Server } from '@pitrix/testing';
import { startTestOidcProvider } from '@pitrix/testing/oidc';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STACK_READY_PREFIX, type StackInfo } from './stack-info.js';

const HERE = dirname(fileURLToPath(import.meta.url));
// PITRIX_DASHBOARD_DIR serves another build (a second checkout's, or one made with `vite build --outDir`).
const DASHBOARD_DIST = process.env['PITRIX_DASHBOARD_DIR'] || resolve(HERE, '..', '..', 'dist');
const KV_STORE = resolve(HERE, '..', '..', '..', '..', 'examples', 'packages', 'kv-store');
const PASSWORD = 'correct-horse-battery-e2e';

/**
 * The stack of the dashboard's journeys, in a process of its own (the built API and harness, not
 * Playwright's module loader): prints one line with what it started, closes everything when its stdin ends.
 */
async function main(): Promise<void> {
  // The Temporal server `npm test` started (PITRIX_TEST_TEMPORAL_ADDRESS), or a private one.
  const temporal = await ensureTestTemporal(process.env);
  Object.assign(process.env, { PITRIX_TEST_TEMPORAL_ADDRESS: temporal.address, PITRIX_TEST_TEMPORAL_NAMESPACE: temporal.namespace, PITRIX_TEST_TEMPORAL_BINARY: temporal.binary });
  const s3 = await startTestS3Server({ buckets: ['pitrix-apps'] });
  // Single sign-on through a real OpenID provider: the API needs its issuer before the provider can know the API's address.
  const oidcPort = await freePort();
  const api = await startApiHarness('dashboard_e2e', { startApi, apiUrl }, {
    agents: 'built',
    monitorAgents: true,
    env: {
      PITRIX_S3_ENDPOINT: s3.endpoint,
      PITRIX_DASHBOARD_DIR: DASHBOARD_DIST,
      PITRIX_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
      PITRIX_OIDC_CLIENT_ID: 'pitrix-dashboard',
      PITRIX_OIDC_CLIENT_SECRET: 'dashboard-e2e-client-secret',
      PITRIX_OIDC_GROUP_MAP: 'e2e-people=e2e:user',
    },
  });
  const oidc = await startTestOidcProvider({
    port: oidcPort,
    clientId: 'pitrix-dashboard',
    clientSecret: 'dashboard-e2e-client-secret',
    redirectUris: [`${api.url.replace(/\/graphql$/, '')}/auth/sso/callback`],
    accounts: { sofia: { name: 'Sofia S', email: 'sofia@example.com', groups: ['e2e-people'] } },
  });
  const users = {
    developer: await api.userWithToken('dev', ['developer'], { group: 'e2e', password: PASSWORD }),
    reviewer: await api.userWithToken('rev', ['reviewer'], { group: 'e2e', password: PASSWORD }),
    user: await api.userWithToken('ulla', ['user'], { group: 'e2e', password: PASSWORD }),
  };
  const runtime = await api.graphql<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
    input: { name: 'e2e-site', provider: 'local', zone: 'local', groupId: 'grp-e2e', options: { networks: ['e2e'] } },
  });
  if (!runtime.data) throw new Error(`the e2e runtime was refused: ${JSON.stringify(runtime.errors)}`);
  const info: StackInfo = {
    baseUrl: api.url.replace(/\/graphql$/, ''),
    adminToken: api.adminToken,
    users: {
      admin: { login: 'admin', password: api.adminPassword },
      developer: { login: users.developer.login, password: PASSWORD, token: users.developer.token },
      reviewer: { login: users.reviewer.login, password: PASSWORD, token: users.reviewer.token },
      user: { login: users.user.login, password: PASSWORD, token: users.user.token },
    },
    s3: { url: 's3://pitrix-apps/e2e/', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    runtimeId: runtime.data.createRuntime.id,
    kvStorePackage: KV_STORE,
    ssoLogin: 'sofia',
    databaseUrl: api.db.url,
    localRoot: api.localRoot,
  };
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await oidc.close().catch((err: unknown) => console.error(err));
    await api.close().catch((err: unknown) => console.error(err));
    await s3.stop().catch((err: unknown) => console.error(err));
    await temporal.stop().catch((err: unknown) => console.error(err));
    process.exit(0);
  };
  // Stopped by the end of stdin rather than a signal: the Temporal worker's runtime takes SIGTERM
  // and SIGINT for itself and would shut the worker down under the harness.
  process.stdin.on('end', () => void close());
  process.stdin.resume();
  process.stdout.write(`${STACK_READY_PREFIX}${JSON.stringify(info)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
