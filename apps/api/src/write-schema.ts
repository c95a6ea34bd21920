import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printApiSchema } from './graphql/api-schema.js';

/** `npm run schema -w @pitrix/api`: writes schema.graphql, which the dashboard's documents are typed against. */
async function main(): Promise<void> {
  const file = join(__dirname, '..', 'schema.graphql');
  writeFileSync(file, await printApiSchema());
  console.log(`pitrix api: wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
