import { hasErrorCode } from '@pitrix/errors';
import { systemSchema } from '@pitrix/db';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, RuntimeStore, runtimeSchema } from '../src/index.js';

const masterKey = `k1:${randomBytes(32).toString('base64')}`;
const owner = { owner: 'usr-alice', ownerPath: 'usr-alice' };
const secret = { accessKeyId: 'AKIATEST', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' };

describe('runtime store on the real PostgreSQL', () => {
  let db: TestDatabase;
  let credentials: CredentialStore;
  let runtimes: RuntimeStore;

  beforeAll(async () => {
    db = await createTestDatabase('runtime_store', [systemSchema, runtimeSchema]);
    credentials = new CredentialStore(db.dataSource, new SecretBox(parseKeyRing(masterKey)));
    runtimes = new RuntimeStore(db.dataSource, credentials);
  });
  afterAll(() => db.drop());

  it('stores a credential sealed: the row holds no plaintext, opening returns it', async () => {
    const created = await credentials.create({ ...owner, name: 'aws-prod', description: '', provider: 'aws', secret });
    const rows = (await db.dataSource.query('SELECT * FROM runtime.credentials WHERE id = $1', [created.id])) as unknown[];
    expect(JSON.stringify(rows)).not.toContain(secret.secretAccessKey);
    expect(JSON.stringify(rows)).not.toContain(secret.accessKeyId);
    expect(created.secretFields).toEqual(['accessKeyId', 'secretAccessKey']);
    expect(await credentials.open(created.id)).toEqual({ secret });
  });

  it('refuses a second credential with the same name for one owner', async () => {
    await credentials.create({ ...owner, name: 'dup', description: '', provider: 'aws', secret });
    const error = await credentials.create({ ...owner, name: 'dup', description: '', provider: 'aws', secret }).catch((err: unknown) => err);
    expect(hasErrorCode(error, 'RUNTIME.NAME_TAKEN')).toBe(true);
  });

  it('resolves a runtime to a provider context with the opened credential', async () => {
    const credential = await credentials.create({ ...owner, name: 'for-runtime', description: '', provider: 'aws', endpoint: 'http://ec2.local', secret });
    const runtime = await runtimes.create({ ...owner, name: 'rt-a', description: '', provider: 'aws', zone: 'us-east-1a', credentialId: credential.id, labels: { env: 'prod' }, options: { imageId: 'ami-1' } });
    expect(await runtimes.resolve(runtime.id)).toMatchObject({
      runtime: { id: runtime.id, labels: { env: 'prod' } },
      context: { zone: 'us-east-1a', options: { imageId: 'ami-1' }, credential: { endpoint: 'http://ec2.local', secret } },
    });
  });

  it('a credential used by a runtime cannot be deleted', async () => {
    const credential = await credentials.create({ ...owner, name: 'in-use', description: '', provider: 'aws', secret });
    await runtimes.create({ ...owner, name: 'rt-b', description: '', provider: 'aws', zone: 'us-east-1a', credentialId: credential.id, labels: {}, options: {} });
    const error = await credentials.delete(credential.id).catch((err: unknown) => err);
    expect(hasErrorCode(error, 'RUNTIME.CREDENTIAL_IN_USE')).toBe(true);
    expect((await credentials.get(credential.id)).id).toBe(credential.id);
  });

  it.each([
    ['a malformed id', 'nope'],
    ['a well-formed unknown id', 'rt-abcdefghjk'],
  ])('an unknown runtime (%s) is RUNTIME.NOT_FOUND', async (_case, id) => {
    expect(hasErrorCode(await runtimes.get(id).catch((err: unknown) => err), 'RUNTIME.NOT_FOUND')).toBe(true);
  });
});
