import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { connectPlatformNats, ensureHubTrust } from '@pitrix/agent-plane';
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cachedBinaryPath,
  ensureDevTls,
  ensureGoBinary,
  freePort,
  isPortOpen,
  natsServer,
  renderHubConfig,
  startNatsHub,
  startProcess,
  temporalCli,
} from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-devstack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('go-installed binaries', () => {
  it('are cached per name and version, outside the clone', () => {
    expect(cachedBinaryPath('/cache', temporalCli('v1.5.1'))).toBe('/cache/temporal-v1.5.1/temporal');
    expect(cachedBinaryPath('/cache', natsServer('v2.12.15'))).toBe('/cache/nats-server-v2.12.15/nats-server');
  });

  it('a binary already in the cache is used without building', async () => {
    const cache = join(scratch, 'cache');
    const path = cachedBinaryPath(cache, natsServer('v0.0.0-test'));
    mkdirSync(join(cache, 'nats-server-v0.0.0-test'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    const lines: string[] = [];
    expect(await ensureGoBinary(cache, natsServer('v0.0.0-test'), (line) => lines.push(line))).toBe(path);
    expect(lines).toEqual([]);
  });

  it('a version that cannot be installed fails with the go command named', async () => {
    const cache = join(scratch, 'cache-bad');
    await expect(ensureGoBinary(cache, { name: 'nope', module: 'example.invalid/nope', version: 'v0.0.0' })).rejects.toThrow(
      /go install example\.invalid\/nope@v0\.0\.0 exited with/,
    );
  });
});

describe('the NATS hub', () => {
  const trust = { operatorJwtFile: '/t/operator.jwt', systemAccount: 'ASYS', preload: { ASYS: 'jwt.sys', APLAT: 'jwt.plat' } };

  it('renders operator mode with the account resolver, JetStream in domain hub with sync always, and a TLS leaf listener', () => {
    const config = renderHubConfig({
      binary: 'x',
      host: '127.0.0.1',
      clientPort: 1,
      leafPort: 2,
      monitorPort: 3,
      storeDir: '/s',
      resolverDir: '/r',
      configFile: '/c',
      logFile: '/l',
      trust,
      leafTls: { certFile: '/tls/server.pem', keyFile: '/tls/server-key.pem' },
      leafAdvertise: 'leaf.example:7422',
    });
    expect(config).toContain('sync_interval: always');
    expect(config).toContain('domain: hub');
    expect(config).toContain('operator: "/t/operator.jwt"');
    expect(config).toContain('system_account: ASYS');
    expect(config).toMatch(/resolver \{\n\s+type: full\n\s+dir: "\/r"/);
    expect(config).toContain('APLAT: "jwt.plat"');
    expect(config).toMatch(/leafnodes \{\n\s+listen: "127\.0\.0\.1:2"\n\s+advertise: "leaf\.example:7422"\n\s+tls \{\n\s+cert_file: "\/tls\/server\.pem"/);
  });

  it('starts from the cached nats-server, accepts only credentialed platform users and serves JetStream in domain hub', async () => {
    const binary = await ensureGoBinary(process.env.PITRIX_BIN_CACHE ?? join(homedir(), '.cache/pitrix/bin'), natsServer(process.env.PITRIX_NATS_SERVER_VERSION ?? 'v2.12.15'));
    const dir = join(scratch, 'hub');
    const [clientPort, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
    const [hubTrust, tls] = await Promise.all([ensureHubTrust(join(dir, 'auth')), ensureDevTls(join(dir, 'tls'))]);
    const hub = await startNatsHub({
      binary,
      host: '127.0.0.1',
      clientPort,
      leafPort,
      monitorPort,
      storeDir: join(dir, 'js'),
      resolverDir: join(dir, 'accounts'),
      configFile: join(dir, 'hub.conf'),
      logFile: join(dir, 'hub.log'),
      trust: hubTrust,
      leafTls: tls,
    });
    try {
      expect(await isPortOpen('127.0.0.1', leafPort)).toBe(true);
      const nc = await connectPlatformNats({ url: `nats://127.0.0.1:${clientPort}`, authDir: join(dir, 'auth') }, 'devstack-test');
      const info = await (await jetstreamManager(nc)).getAccountInfo();
      expect(info.domain).toBe('hub');
      await nc.close();
      await expect(connect({ servers: `nats://127.0.0.1:${clientPort}`, user: 'platform', pass: 'secret' })).rejects.toThrow(/Authorization/);
    } finally {
      await hub.stop();
    }
    expect(hub.isAlive()).toBe(false);
  });
});

describe('development TLS', () => {
  it('creates a CA and a server certificate for the loopback addresses once, then reuses them', async () => {
    const dir = join(scratch, 'tls');
    const first = await ensureDevTls(dir);
    const again = await ensureDevTls(dir);
    expect(again).toEqual(first);
    const cert = new X509Certificate(readFileSync(first.certFile));
    const ca = new X509Certificate(readFileSync(first.caFile));
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(statSync(first.keyFile).mode & 0o077).toBe(0);
  });
});

describe('managed processes', () => {
  it('a process left behind by a crashed launcher is stopped through its pid file', async () => {
    const pidFile = join(scratch, 'sleep.pid');
    const first = await startProcess({ name: 'sleep', command: '/bin/sleep', args: ['60'], logFile: join(scratch, 'sleep.log'), pidFile });
    const second = await startProcess({ name: 'sleep', command: '/bin/sleep', args: ['60'], logFile: join(scratch, 'sleep.log'), pidFile });
    await first.exited;
    expect(first.isAlive()).toBe(false);
    expect(second.isAlive()).toBe(true);
    await second.stop();
  });
});
