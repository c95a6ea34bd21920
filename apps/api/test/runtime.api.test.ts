import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';

const RUNTIME_FIELDS = 'id name description provider zone credentialId labels { key value } options owner';
const CREATE_RUNTIME = `mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { ${RUNTIME_FIELDS} } }`;
const CREDENTIAL_FIELDS = 'id name description provider endpoint secretFields keyId owner createdAt updatedAt';
const VALIDATE_RUNTIME = 'mutation($id: ID!) { validateRuntime(id: $id) { ok message code identity } }';

interface OptionFieldView {
  key: string;
  label: string;
  type: string;
  description: string;
  required: boolean;
  defaultJson: string | null;
}

interface RuntimeView {
  id: string;
  name: string;
  labels: Array<{ key: string; value: string }>;
  credentialId: string | null;
}

describe('runtimes and credentials over GraphQL', () => {
  let api: ApiHarness;
  /** A developer of group bobs: it sees what is shared with the group, nothing of the admin's. */
  let bob: TestUser;
  const created = async (input: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const body = await api.graphql<{ createRuntime: RuntimeView }>(CREATE_RUNTIME, { input: { provider: 'local', zone: 'local', ...input } }, headers);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.createRuntime;
  };
  const count = async () => ((await api.graphql<{ runtimes: { totalCount: number } }>('{ runtimes { totalCount } }')).data!.runtimes.totalCount);

  beforeAll(async () => {
    api = await startApiHarness('api_runtime', { startApi, apiUrl });
    bob = await api.userWithToken('bob', ['developer'], { group: 'bobs' });
  });
  afterAll(() => api.close());

  it('lists the providers this installation offers', async () => {
    const body = await api.graphql<{ providers: Array<{ name: string; requiresCredential: boolean }> }>('{ providers { name requiresCredential } }');
    expect(body.data!.providers).toEqual([
      { name: 'aws', requiresCredential: true },
      { name: 'kubernetes', requiresCredential: true },
      { name: 'local', requiresCredential: false },
    ]);
  });

  it('describes each provider\'s runtime options, with their types and defaults', async () => {
    const body = await api.graphql<{ providers: Array<{ name: string; optionFields: OptionFieldView[] }> }>(
      '{ providers { name optionFields { key label type description required defaultJson } } }',
    );
    const fieldsOf = (name: string) => new Map(body.data!.providers.find((p) => p.name === name)!.optionFields.map((field) => [field.key, field]));
    const local = fieldsOf('local');
    expect(local.get('zones')).toMatchObject({ type: 'STRING_LIST', required: false, defaultJson: '["local"]' });
    expect(local.get('networks')).toMatchObject({ type: 'STRING_LIST', defaultJson: '["default"]' });
    expect(local.get('simulateDrones')).toMatchObject({ type: 'BOOLEAN', defaultJson: 'false' });
    expect(local.get('isolateNetworks')).toMatchObject({ type: 'BOOLEAN', defaultJson: null });
    expect(local.get('quota.cpu')).toMatchObject({ type: 'NUMBER', required: false });
    expect(Number(JSON.parse(local.get('quota.cpu')!.defaultJson!))).toBeGreaterThan(0);
    const aws = fieldsOf('aws');
    expect(aws.get('imageId')).toMatchObject({ type: 'STRING', required: true, defaultJson: null });
    expect(aws.get('instanceTypes')).toMatchObject({ type: 'JSON', required: false });
    expect(aws.get('subnetIds')).toMatchObject({ type: 'STRING_LIST' });
    const kubernetes = fieldsOf('kubernetes');
    expect(kubernetes.get('namespacePrefix')).toMatchObject({ type: 'STRING', defaultJson: '""' });
    expect(kubernetes.get('createNamespace')).toMatchObject({ type: 'BOOLEAN', defaultJson: 'true' });
    for (const field of [...local.values(), ...aws.values(), ...kubernetes.values()]) {
      expect(field.label, field.key).not.toBe('');
      expect(field.description, field.key).not.toBe('');
    }
  });

  it('creates a local runtime after a live check, with labels, and shows it', async () => {
    const runtime = await created({ name: 'dev-box', labels: [{ key: 'env', value: 'dev' }], options: { networks: ['default', 'backend'] } });
    expect(runtime).toMatchObject({ name: 'dev-box', credentialId: null, labels: [{ key: 'env', value: 'dev' }] });
    const shown = await api.graphql<{ runtime: RuntimeView }>(`query($id: ID!) { runtime(id: $id) { ${RUNTIME_FIELDS} } }`, { id: runtime.id });
    expect(shown.data!.runtime.id).toBe(runtime.id);
    const zones = await api.graphql<{ zones: Array<{ id: string }> }>('{ zones(provider: "local") { id available } }');
    expect(zones.data!.zones).toEqual([{ id: 'local', available: true }]);
  });

  it.each([
    ['an unknown provider', { name: 'x1', provider: 'openstack' }, 'RUNTIME.PROVIDER_UNKNOWN'],
    ['an unknown zone', { name: 'x2', zone: 'mars-1' }, 'RUNTIME.ZONE_NOT_FOUND'],
    ['bad options', { name: 'x3', options: { quota: { cpu: -2 } } }, 'RUNTIME.OPTIONS_INVALID'],
    ['a bad label', { name: 'x4', labels: [{ key: 'Env', value: 'dev' }] }, 'INPUT.INVALID'],
    ['a bad name', { name: 'Not Valid' }, 'INPUT.INVALID'],
    ['an unknown credential', { name: 'x5', credentialId: 'cred-abcdefghjk' }, 'RUNTIME.CREDENTIAL_NOT_FOUND'],
  ])('refuses %s with its code and creates nothing', async (_case, input, code) => {
    const before = await count();
    const body = await api.graphql(CREATE_RUNTIME, { input: { provider: 'local', zone: 'local', ...input } });
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(await count()).toBe(before);
  });

  it('names every bad option field at once', async () => {
    const body = await api.graphql(CREATE_RUNTIME, { input: { name: 'x6', provider: 'local', zone: 'local', options: { colour: 1, quota: { cpu: 'many' } } } });
    expect(body.errors?.[0]?.extensions?.problems?.map((p) => p.path).sort()).toEqual(['options.colour', 'options.quota.cpu']);
  });

  it('filters by selector (same key OR, different keys AND) and pages with cursors', async () => {
    await created({ name: 'sel-a', labels: [{ key: 'tier', value: 'gold' }, { key: 'region', value: 'north' }] });
    await created({ name: 'sel-b', labels: [{ key: 'tier', value: 'silver' }, { key: 'region', value: 'north' }] });
    await created({ name: 'sel-c', labels: [{ key: 'tier', value: 'gold' }, { key: 'region', value: 'south' }] });
    const query = `query($selector: [LabelInput!], $after: String) { runtimes(filter: { selector: $selector }, page: { first: 1, after: $after }) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { runtimes: { totalCount: number; edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const selector = [{ key: 'tier', value: 'gold' }, { key: 'tier', value: 'silver' }, { key: 'region', value: 'north' }];
    const first = (await api.graphql<Page>(query, { selector })).data!.runtimes;
    expect(first.totalCount).toBe(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await api.graphql<Page>(query, { selector, after: first.pageInfo.endCursor })).data!.runtimes;
    expect([...first.edges, ...second.edges].map((e) => e.node.name)).toEqual(['sel-a', 'sel-b']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('a malformed cursor is INPUT.INVALID', async () => {
    const body = await api.graphql('{ runtimes(page: { first: 1, after: "not-a-cursor" }) { totalCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('INPUT.INVALID');
  });

  it('callers see only what they own (or their group owns); an admin sees everything; identity headers change nothing', async () => {
    // Local runtimes run hooks on the control host: only an admin may create one, so the admin
    // shares bob's with his group rather than bob creating it.
    const ownLocal = await api.graphql(CREATE_RUNTIME, { input: { name: 'bobs-own', provider: 'local', zone: 'local' } }, bob.headers);
    expect(ownLocal.errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    const mine = await created({ name: 'bobs-box', groupId: 'grp-bobs' });
    const adminView = await api.graphql<{ runtime: { owner: string } }>(`query($id: ID!) { runtime(id: $id) { owner } }`, { id: mine.id });
    const admin = await api.accounts.userByLogin('admin');
    expect(adminView.data!.runtime.owner).toBe(admin!.id);
    const [{ owner_path: ownerPath }] = (await api.db.dataSource.query('SELECT owner_path FROM runtime.runtimes WHERE id = $1', [mine.id])) as [{ owner_path: string }];
    expect(ownerPath).toBe('grp-bobs');
    const bobList = await api.graphql<{ runtimes: { edges: Array<{ node: { name: string } }> } }>('{ runtimes { edges { node { name } } } }', {}, bob.headers);
    expect(bobList.data!.runtimes.edges.map((e) => e.node.name)).toEqual(['bobs-box']);
    const adminRuntime = await created({ name: 'admins-box' });
    const hidden = await api.graphql(`query($id: ID!) { runtime(id: $id) { id } }`, { id: adminRuntime.id }, bob.headers);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('RUNTIME.NOT_FOUND');
    // The old identity headers are ignored: the token's user it stays, malformed or claiming admin.
    const forged = await api.graphql<{ runtimes: { edges: Array<{ node: { name: string } }> } }>('{ runtimes { edges { node { name } } } }', {}, { ...bob.headers, 'x-pitrix-user': 'robert; drop' });
    expect(forged.errors).toBeUndefined();
    expect(forged.data!.runtimes.edges.map((e) => e.node.name)).toEqual(['bobs-box']);
    const claimed = await api.graphql(`query($id: ID!) { runtime(id: $id) { id } }`, { id: adminRuntime.id }, { ...bob.headers, 'x-pitrix-user': admin!.id, 'x-pitrix-roles': 'admin' });
    expect(claimed.errors?.[0]?.extensions?.code).toBe('RUNTIME.NOT_FOUND');
  });

  it('credentials: checked live, sealed, used by reference, never returned, not deletable while used', async () => {
    const secretValue = 'sup3r-s3cret-token-value';
    const body = await api.graphql<{ createCredential: { id: string; secretFields: string[]; keyId: string } }>(
      `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { ${CREDENTIAL_FIELDS} } }`,
      { input: { name: 'local-access', provider: 'local', secret: { token: secretValue } } },
    );
    expect(body.errors).toBeUndefined();
    const credential = body.data!.createCredential;
    expect(credential).toMatchObject({ secretFields: ['token'], keyId: 'dev-1' });
    const runtime = await created({ name: 'with-credential', credentialId: credential.id });
    expect(runtime.credentialId).toBe(credential.id);
    const listed = await api.graphql(`{ credentials { edges { node { ${CREDENTIAL_FIELDS} } } } }`);
    expect(JSON.stringify(listed)).not.toContain(secretValue);
    const validation = await api.graphql<{ validateCredential: { valid: boolean } }>(`mutation($id: ID!) { validateCredential(id: $id) { valid reason message identity } }`, { id: credential.id });
    expect(validation.data!.validateCredential.valid).toBe(true);
    expect(JSON.stringify(validation)).not.toContain(secretValue);
    const deletion = await api.graphql(`mutation($id: ID!) { deleteCredential(id: $id) { id } }`, { id: credential.id });
    expect(deletion.errors?.[0]?.extensions?.code).toBe('RUNTIME.CREDENTIAL_IN_USE');
  });

  it('no field of the schema can carry a credential secret', async () => {
    // Introspection is served by a development installation only: ask one on the same database.
    const dev = await startApi({ ...api.config, api: { ...api.config.api, port: 0 }, auth: { ...api.config.auth, devMode: true } });
    try {
      const url = `${await apiUrl(dev)}/graphql`;
      const introspect = async <T>(query: string): Promise<T> => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` }, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { data?: T; errors?: unknown[] };
        expect(body.errors).toBeUndefined();
        return body.data!;
      };
      const credential = await introspect<{ __type: { fields: Array<{ name: string }> } }>('{ __type(name: "Credential") { fields { name } } }');
      expect(credential.__type.fields.map((f) => f.name).sort()).toEqual(
        ['createdAt', 'description', 'endpoint', 'id', 'keyId', 'name', 'owner', 'provider', 'secretFields', 'updatedAt'],
      );
      const schema = await introspect<{ __schema: { types: Array<{ name: string; kind: string; fields: Array<{ name: string }> | null }> } }>(
        '{ __schema { types { name kind fields { name } } } }',
      );
      const suspicious = schema.__schema.types
        .filter((type) => type.kind === 'OBJECT' && !type.name.startsWith('__'))
        .flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`))
        .filter((name) => /secret|password|sealed|wrapped|token|credentialContent/i.test(name) && !/secretFields$/.test(name));
      // Only the account API's own fields match: token metadata, the new token (shown once, to the
      // caller that created it) and setting a password, and key rotation's count of re-sealed rows.
      // None carries a credential's secret.
      expect(suspicious.sort()).toEqual([
        'AccessToken.createdAt',
        'AccessToken.expiresAt',
        'AccessToken.id',
        'AccessToken.lastUsedAt',
        'AccessToken.name',
        'AccessToken.revokedAt',
        'AccessToken.scope',
        'CreatedToken.accessToken',
        'CreatedToken.token',
        'KeyRotationCount.resealed',
        'Me.tokenScope',
        'Mutation.createToken',
        'Mutation.revokeToken',
        'Mutation.setUserPassword',
        'Query.tokens',
      ]);
    } finally {
      await dev.close();
    }
  });

  it('a secret field that is not a string is refused without echoing the value', async () => {
    const body = await api.graphql(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
      input: { name: 'bad-secret', provider: 'local', secret: { token: 12345678 } },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('INPUT.INVALID');
    expect(JSON.stringify(body)).not.toContain('12345678');
  });

  it('deletes a runtime, then its credential', async () => {
    const runtime = await created({ name: 'short-lived' });
    const deleted = await api.graphql<{ deleteRuntime: { id: string } }>(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: runtime.id });
    expect(deleted.data!.deleteRuntime.id).toBe(runtime.id);
    const gone = await api.graphql(`query($id: ID!) { runtime(id: $id) { id } }`, { id: runtime.id });
    expect(gone.errors?.[0]?.extensions?.code).toBe('RUNTIME.NOT_FOUND');
  });

  it('keeps a runtime whose retirement fails (RUNTIME.RETIRE_FAILED, with the cause); deleting it again finishes', async () => {
    const runtime = await created({ name: 'unretirable' });
    // Options its provider no longer accepts (as after a provider upgrade): no session can be opened.
    await api.db.dataSource.query(`UPDATE runtime.runtimes SET options = '{"simulatedCommandMs": -1}' WHERE id = $1`, [runtime.id]);
    const refused = await api.graphql(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: runtime.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('RUNTIME.RETIRE_FAILED');
    expect(refused.errors?.[0]?.message).toContain('RUNTIME.OPTIONS_INVALID');
    expect((await api.graphql<{ runtime: { id: string } }>(`query($id: ID!) { runtime(id: $id) { id } }`, { id: runtime.id })).data?.runtime.id).toBe(runtime.id);

    await api.db.dataSource.query(`UPDATE runtime.runtimes SET options = '{}' WHERE id = $1`, [runtime.id]);
    const deleted = await api.graphql<{ deleteRuntime: { id: string } }>(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: runtime.id });
    expect(deleted.data?.deleteRuntime.id).toBe(runtime.id);
  });

  it('validateRuntime: a good local runtime passes, naming the zone', async () => {
    const runtime = await created({ name: 'checked-box', options: { networks: ['default'], simulateDrones: true } });
    const body = await api.graphql<{ validateRuntime: { ok: boolean; message: string; code: string | null; identity: string | null } }>(VALIDATE_RUNTIME, { id: runtime.id });
    expect(body.errors).toBeUndefined();
    expect(body.data!.validateRuntime).toMatchObject({ ok: true, code: null });
    expect(body.data!.validateRuntime.message).toContain('offers zone local');
    expect(body.data!.validateRuntime.identity).toMatch(/^local:/);
  });

  it('validateRuntime: a zone the provider no longer offers fails clearly, and so do options it no longer accepts', async () => {
    const runtime = await created({ name: 'moved-box', options: { zones: ['local', 'rack-2'] }, zone: 'rack-2' });
    // As when a zone is retired: the runtime's stored options no longer offer its zone.
    await api.db.dataSource.query(`UPDATE runtime.runtimes SET options = '{"zones": ["local"]}' WHERE id = $1`, [runtime.id]);
    const zone = await api.graphql<{ validateRuntime: { ok: boolean; message: string; code: string } }>(VALIDATE_RUNTIME, { id: runtime.id });
    expect(zone.errors).toBeUndefined();
    expect(zone.data!.validateRuntime).toEqual({
      ok: false,
      code: 'RUNTIME.ZONE_NOT_FOUND',
      identity: null,
      message: 'Zone rack-2 is not among the zones provider local offers for this runtime (local)',
    });
    await api.db.dataSource.query(`UPDATE runtime.runtimes SET options = '{"simulatedCommandMs": -1}' WHERE id = $1`, [runtime.id]);
    const options = await api.graphql<{ validateRuntime: { ok: boolean; message: string; code: string } }>(VALIDATE_RUNTIME, { id: runtime.id });
    expect(options.data!.validateRuntime).toMatchObject({ ok: false, code: 'RUNTIME.OPTIONS_INVALID' });
    expect(options.data!.validateRuntime.message).toContain('options.simulatedCommandMs');
  });

  it('validateRuntime: a caller who cannot see the runtime is refused as for runtime(id); its group member may check it', async () => {
    const hidden = await created({ name: 'admins-checked' });
    const asBob = await api.graphql(VALIDATE_RUNTIME, { id: hidden.id }, bob.headers);
    const readAsBob = await api.graphql(`query($id: ID!) { runtime(id: $id) { id } }`, { id: hidden.id }, bob.headers);
    expect(asBob.errors?.[0]?.extensions?.code).toBe('RUNTIME.NOT_FOUND');
    expect(asBob.errors?.[0]?.extensions?.code).toBe(readAsBob.errors?.[0]?.extensions?.code);
    expect(asBob.data?.validateRuntime ?? null).toBeNull();
    const shared = await created({ name: 'bobs-checked', groupId: 'grp-bobs' });
    const bobsOwn = await api.graphql<{ validateRuntime: { ok: boolean } }>(VALIDATE_RUNTIME, { id: shared.id }, bob.headers);
    expect(bobsOwn.data!.validateRuntime.ok).toBe(true);
    const missing = await api.graphql(VALIDATE_RUNTIME, { id: 'rt-abcdefghjk' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('RUNTIME.NOT_FOUND');
  });

  it('validateRuntime: the runtime\'s stored credential is used, and its secret never appears', async () => {
    const secretValue = 'validate-s3cret-value';
    const credential = await api.graphql<{ createCredential: { id: string } }>(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
      input: { name: 'local-check', provider: 'local', secret: { token: secretValue } },
    });
    const runtime = await created({ name: 'credential-checked', credentialId: credential.data!.createCredential.id });
    const body = await api.graphql<{ validateRuntime: { ok: boolean } }>(VALIDATE_RUNTIME, { id: runtime.id });
    expect(body.data!.validateRuntime.ok).toBe(true);
    expect(JSON.stringify(body)).not.toContain(secretValue);
  });
});
