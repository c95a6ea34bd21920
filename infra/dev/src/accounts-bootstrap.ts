import { AccountStore } from '@pitrix/account-store';
import { CredentialStore } from '@pitrix/cli-credentials';
import type { DevStackConfig } from '@pitrix/config';
import { connectDataSource, createDataSource } from '@pitrix/db';
import { allSchemaModules } from '@pitrix/schemas';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** How long the token `npm start` stores for the CLI lives. */
const CLI_TOKEN_DAYS = 90;

/**
 * The first run's accounts: creates the `admin` account with a random password (written to
 * `<PITRIX_HOME>/admin-password`, mode 0600, and printed once), and makes sure the CLI holds a
 * working token for this API, so that `npx pitrix …` works right after `npm start`. A CLI that
 * already holds a valid token (yours, after `pitrix login`) keeps it. Returns the CLI's token.
 */
export async function bootstrapAccounts(config: DevStackConfig, graphqlUrl: string, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dataSource = await connectDataSource(createDataSource({ ...config.database, modules: allSchemaModules, applicationName: 'pitrix-bootstrap' }));
  try {
    const accounts = new AccountStore(dataSource);
    const admin = await accounts.ensureAdmin();
    if (admin.created) {
      const file = join(config.home.home, 'admin-password');
      writeFileSync(file, `${admin.password}\n`, { mode: 0o600 });
      log(`created the account ${admin.login} (role admin); its password, shown this once, is ${admin.password} (also in ${file}, mode 0600)`);
    }
    // The stored token, never PITRIX_TOKEN: the file is what the next `npx pitrix` reads.
    const credentials = new CredentialStore({ ...env, PITRIX_TOKEN: '' });
    const stored = credentials.peek(graphqlUrl);
    if (stored && (await accounts.tokenPrincipal(stored.token))) return stored.token;
    const user = await accounts.userByLogin(admin.created ? admin.login : 'admin');
    if (!user) throw new Error(`the CLI holds no valid token for ${graphqlUrl} and there is no admin account to make one for; run npx pitrix login`);
    const { token, record } = await accounts.createToken(user.id, { name: `cli@${hostname()} (npm start)`, scope: 'full', expiresAt: new Date(Date.now() + CLI_TOKEN_DAYS * 86_400_000) });
    credentials.save(graphqlUrl, { token, tokenId: record.id, login: user.login, savedAt: new Date().toISOString() });
    log(`stored a token of ${user.login} for the CLI in ${credentials.path}`);
    return token;
  } finally {
    await dataSource.destroy();
  }
}
