import { hasErrorCode } from '@pitrix/errors';
import type { ProviderSession } from '@pitrix/provider-contract';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEc2 } from './fake-ec2/index.js';
import { droneAgent, failure, openSession, runRequest, startFake } from './support.js';

const BUNDLE = 'https://downloads.example.com/pitrix/agent-1.2.3.tgz';

/** Reads a systemd EnvironmentFile the way systemd does for double-quoted values (`\` escapes `\ " \` $`). */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('="', i);
    const name = text.slice(i, eq);
    let value = '';
    for (i = eq + 2; text[i] !== '"'; i++) value += text[i] === '\\' ? (text[++i] as string) : text[i];
    env[name] = value;
    i += 2; // the closing quote and the newline
  }
  return env;
}

/** The script and the environment file the instance would get, from what EC2 received. */
function received(fake: FakeEc2): { script: string; env: Record<string, string> } {
  const userData = fake.callsOf('RunInstances').at(-1)?.get('UserData') ?? '';
  const script = Buffer.from(userData, 'base64').toString('utf8');
  const block = /<<'PITRIX_ENV'\n([\s\S]*?)\nPITRIX_ENV\n/.exec(script)?.[1] ?? '';
  return { script, env: parseEnvFile(Buffer.from(block.replace(/\n/g, ''), 'base64').toString('utf8')) };
}

describe('user-data: how an instance starts its agent', () => {
  let fake: FakeEc2;
  let session: ProviderSession;
  let networkId: string;
  beforeAll(async () => {
    fake = await startFake();
    session = await openSession(fake, { agentPackageUrl: BUNDLE });
    networkId = (await session.placeCluster({})).networkId;
  });
  afterAll(async () => {
    await session.close();
    await fake.stop();
  });

  it('writes the env to a root-only file first, then installs Node and the agent and starts it under systemd', async () => {
    await session.runInstance(runRequest(networkId));
    const { script } = received(fake);
    const order = [
      'install -m 0600 -o root -g root /dev/null /etc/pitrix/drone.env',
      "base64 -d > /etc/pitrix/drone.env <<'PITRIX_ENV'",
      'NODE_VERSION=v20.',
      `curl -fsSL '${BUNDLE}' | tar -xz -C /opt/pitrix/agent`,
      'cat > /etc/systemd/system/pitrix-drone.service',
      'EnvironmentFile=/etc/pitrix/drone.env',
      'ExecStart=/usr/bin/env node /opt/pitrix/agent/apps/drone/dist/main.js',
      'Restart=always',
      'systemctl enable --now pitrix-drone.service',
    ].map((line) => script.indexOf(line));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('is a valid bash script', async () => {
    await session.runInstance(runRequest(networkId));
    const dir = mkdtempSync(join(tmpdir(), 'pitrix-user-data-'));
    try {
      writeFileSync(join(dir, 'user-data.sh'), received(fake).script);
      expect(() => execFileSync('bash', ['-n', join(dir, 'user-data.sh')])).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries every env value exactly, quotes, dollars, backslashes and newlines included, and never as shell code', async () => {
    const tricky = { QUOTED: 'say "hi"', DOLLAR: '$HOME and `id`', BACKSLASH: 'C:\\path\\', MULTILINE: '-----BEGIN-----\nabc\n-----END-----', EMPTY: '' };
    await session.runInstance(runRequest(networkId, { agent: droneAgent(tricky) }));
    const { script, env } = received(fake);
    expect(env).toEqual(droneAgent(tricky).env);
    expect(script).not.toContain('agent-secret-value-do-not-leak');
  });

  it('a frontgate gets its own unit and env file', async () => {
    await session.runInstance(runRequest(networkId, { agent: { kind: 'frontgate', env: { PITRIX_ROLE: 'gate' } } }));
    const { script, env } = received(fake);
    expect(script).toContain('systemctl enable --now pitrix-frontgate.service');
    expect(script).toContain('install -m 0600 -o root -g root /dev/null /etc/pitrix/frontgate.env');
    expect(env).toEqual({ PITRIX_ROLE: 'gate' });
  });

  it('without a bundle URL the image must hold the agent: nothing is downloaded, its presence is checked', async () => {
    const bare = await openSession(fake);
    await bare.runInstance(runRequest(networkId));
    const { script } = received(fake);
    expect(script).not.toContain('tar -xz');
    expect(script).toContain('test -f /opt/pitrix/agent/apps/drone/dist/main.js');
    await bare.close();
  });

  it('requires IMDSv2 on every instance (the script reads its identity with a session token)', async () => {
    await session.runInstance(runRequest(networkId));
    const params = fake.callsOf('RunInstances').at(-1);
    expect(params?.get('MetadataOptions.HttpTokens')).toBe('required');
    expect(received(fake).script).toContain('X-aws-ec2-metadata-token');
  });

  it.each([
    ['a variable name a shell cannot hold', { 'BAD NAME': 'x' }],
    ['more than EC2 takes as user-data (16 KiB)', { BIG: 'x'.repeat(17 * 1024) }],
  ])('refuses %s with INPUT.INVALID, creates nothing, and shows no value', async (_case, env) => {
    const request = runRequest(networkId, { agent: droneAgent(env) });
    const before = fake.callsOf('RunInstances').length;
    const error = await failure(() => session.runInstance(request));
    expect(hasErrorCode(error, 'INPUT.INVALID')).toBe(true);
    expect(JSON.stringify({ message: (error as Error).message, problems: (error as { problems: unknown }).problems })).not.toMatch(/agent-secret-value|xxxxxxxx/);
    expect(fake.callsOf('RunInstances').length).toBe(before);
  });
});
