import { loadApiConfig, refuseDevelopmentSecretKey } from '@pitrix/config';
import { isPitrixError } from '@pitrix/errors';
import { apiUrl, startApi } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadApiConfig(process.env);
  refuseDevelopmentSecretKey({ keys: config.secrets.keys, devMode: config.auth.devMode });
  const app = await startApi(config);
  console.log(`pitrix api: GraphQL at ${await apiUrl(app)}/graphql`);
}

main().catch((err: unknown) => {
  console.error(isPitrixError(err) ? `pitrix api: ${err.message}` : err);
  process.exit(1);
});
