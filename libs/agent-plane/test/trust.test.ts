import { decode, type Account, type User } from '@nats-io/jwt';
import { createAccount } from '@nats-io/nkeys';
import { isPitrixError } from '@pitrix/errors';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureHubTrust, readIssuerKeys, TRUST_FILES } from '../src/index.js';
import { encodeFrontgateAccount, issueLeafUser, leafPermissions } from '../src/trust/claims.js';

const dir = mkdtempSync(join(tmpdir(), 'pitrix-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hub trust folder', () => {
  it('is created once, secrets readable by the owner only, and preloads the system and platform accounts', async () => {
    const first = await ensureHubTrust(join(dir, 'auth'));
    const again = await ensureHubTrust(join(dir, 'auth'));
    expect(again).toEqual(first);
    expect(Object.keys(first.preload)).toHaveLength(2);
    expect(Object.keys(first.preload)).toContain(first.systemAccount);
    for (const name of Object.values(TRUST_FILES)) expect(statSync(join(dir, 'auth', name)).mode & 0o077).toBe(0);
    const keys = readIssuerKeys(join(dir, 'auth'));
    expect(keys.agentsSigner.getPublicKey()).toMatch(/^A/);
    expect(keys.operatorSigner.getPublicKey()).toMatch(/^O/);
  });

  it('a missing folder is CONFIG.INVALID naming the setting, never a secret', () => {
    try {
      readIssuerKeys(join(dir, 'nowhere'));
      expect.unreachable();
    } catch (err) {
      expect(isPitrixError(err) && err.code).toBe('CONFIG.INVALID');
      expect((err as Error).message).toContain('PITRIX_NATS_AUTH_DIR');
    }
  });
});

describe('frontgate accounts and leaf credentials', () => {
  it('a frontgate account accepts users of the agents signing key and lists its revocations', async () => {
    const keys = readIssuerKeys(join(dir, 'auth'));
    const subject = createAccount().getPublicKey();
    const jwt = await encodeFrontgateAccount({ frontgateId: 'fg-1', account: subject, operatorSigner: keys.operatorSigner, agentsSigningKey: keys.agentsSigner.getPublicKey(), revocations: { UREVOKED: 100 } });
    const account = decode<Account>(jwt);
    expect(account.sub).toBe(subject);
    expect(account.nats.signing_keys).toEqual([keys.agentsSigner.getPublicKey()]);
    expect(account.nats.revocations).toEqual({ UREVOKED: 100 });
    expect(account.iss).toBe(keys.operatorSigner.getPublicKey());
  });

  it('a leaf credential may only use its own network, as a leaf connection, and carries its seed', async () => {
    const keys = readIssuerKeys(join(dir, 'auth'));
    const account = createAccount().getPublicKey();
    const leaf = await issueLeafUser({ frontgateId: 'fg-1', account, agentsSigner: keys.agentsSigner });
    const user = decode<User>(leaf.creds.split('\n').find((line) => line.startsWith('ey')) as string);
    expect(user.sub).toBe(leaf.publicKey);
    expect(user.nats.issuer_account).toBe(account);
    expect(user.nats.pub?.allow).toEqual(['pitrix.fg.fg-1.>', '_INBOX.>']);
    expect(user.nats.sub?.allow).toEqual(['pitrix.fg.fg-1.>', '$JS.fg-1.API.>', '$JS.FC.>']);
    expect(user.nats.allowed_connection_types).toEqual(['LEAFNODE']);
    expect(leaf.creds).toContain('NKEY SEED');
    expect(leafPermissions('fg-2').pub?.allow).not.toContain('pitrix.fg.fg-1.>');
  });
});
