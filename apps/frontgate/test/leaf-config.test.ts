import { createUser } from '@nats-io/nkeys';
import { ensureDevTls } from '@pitrix/devstack';
import { natsServerBinary } from '@pitrix/testing';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dronePermissions, renderLeafConfig, type LeafConfigInput } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pitrix-leaf-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input = (drones: LeafConfigInput['drones']): LeafConfigInput => ({
  frontgateId: 'fg-1',
  listen: '127.0.0.1:4222',
  monitorPort: 8222,
  storeDir: join(dir, 'js'),
  hubLeafUrl: 'tls://hub.example:7425',
  credentialsFile: join(dir, 'hub.creds'),
  caFile: join(dir, 'ca.pem'),
  adminKey: createUser().getPublicKey(),
  drones,
});

describe("the leaf server's configuration", () => {
  it('is accepted by nats-server, with and without drones', async () => {
    const binary = await natsServerBinary();
    const tls = await ensureDevTls(join(dir, 'tls'));
    copyFileSync(tls.caFile, join(dir, 'ca.pem'));
    const drones = [1, 2].map((n) => ({ nodeId: `n${n}`, clusterId: 'c1', publicKey: createUser().getPublicKey() }));
    for (const [name, config] of [['empty', renderLeafConfig(input([]))], ['two-drones', renderLeafConfig(input(drones))]] as const) {
      const file = join(dir, `${name}.conf`);
      writeFileSync(file, config);
      expect(() => execFileSync(binary, ['-t', '-c', file], { stdio: 'pipe' })).not.toThrow();
    }
  });

  it('runs JetStream in the frontgate domain and dials the hub over TLS with its own credentials', () => {
    const config = renderLeafConfig(input([]));
    expect(config).toContain('domain: "fg-1"');
    expect(config).toMatch(/remotes: \[\n\s+\{ url: "tls:\/\/hub\.example:7425", credentials: ".*hub\.creds", account: NETWORK, tls: \{ ca_file: ".*ca\.pem" \} \}/);
  });

  it.each([
    ['its commands and pings', 'subscribe', 'pitrix.fg.fg-1.node.n1.>', true],
    ["another drone's commands", 'subscribe', 'pitrix.fg.fg-1.node.n2.>', false],
    ['its own events', 'publish', 'pitrix.fg.fg-1.evt.node.n1.>', true],
    ['reading the metadata bucket', 'publish', '$JS.API.DIRECT.GET.KV_pitrix_metadata.>', true],
    ['writing the metadata bucket', 'publish', '$KV.pitrix_metadata.>', false],
    ['the agents bucket', 'publish', '$JS.API.DIRECT.GET.KV_pitrix_agents.>', false],
  ] as const)('a drone may use %s: %s', (_name, direction, subject, allowed) => {
    expect(dronePermissions('fg-1', 'n1')[direction].includes(subject)).toBe(allowed);
  });
});
