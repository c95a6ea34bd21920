import type { ConfigTemplateEntry, HostDocument } from '@pitrix/agent-protocol';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

const host = (nodeId: string, ip: string, sid: number): HostDocument => ({ node_id: nodeId, ip, role: 'master', sid, gid: 1 });

/** Polls `read` until `done` holds for its value (or 5 s pass) and returns the last value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('metadata: the /self view, config templates and package files', () => {
  let net: AgentNetwork;
  let dataDir: string;
  let metadataUrl: string;
  const reloads = () => (existsSync(join(dataDir, 'reloads')) ? readFileSync(join(dataDir, 'reloads'), 'utf8').split('\n').filter(Boolean) : []);
  const template: ConfigTemplateEntry = {
    name: 'redis-conf',
    source: 'templates/redis.conf.hbs',
    content: 'port {{env.port}}\n{{#each hosts.master}}peer {{ip}}:{{sid}}\n{{/each}}name {{cluster.name}} & <raw>\n',
    destination: 'redis/redis.conf',
    reloadCmd: 'echo "reloaded $PITRIX_SERVICE" >> "$PITRIX_DATA_DIR/reloads"',
    mode: '0640',
  };

  beforeAll(async () => {
    net = await startAgentNetwork();
    await net.addFrontgate('fg-a');
    const drone = await net.addDrone('fg-a', { nodeId: 'cln-m1', role: 'master', serverId: 1 });
    dataDir = drone.dataDir;
    metadataUrl = drone.metadataUrl;
  });
  afterAll(() => net?.close());

  it('renders templates and delivers files before a command that waits for the revision', async () => {
    const { revision } = await net.plane.metadata.write('fg-a', 'cl-1', {
      cluster: { cluster_id: 'cl-1', name: 'cache' },
      env: { port: '6379' },
      hosts: [host('cln-m1', '127.0.0.1', 1), host('cln-m2', '127.0.0.2', 2)],
      roles: { master: { env: { port: '6380' }, templates: [template] } },
      files: [{ path: 'bin/hello.sh', mode: 0o755, contentBase64: Buffer.from('#!/bin/sh\necho hello from $PITRIX_NODE_ID\n').toString('base64') }],
    });
    const outcome = await net.plane.pilot.runCommand('fg-a', 'cln-m1', { id: 'init-1', cmd: 'cat redis/redis.conf && $PITRIX_DATA_DIR/app/bin/hello.sh', metadataRevision: revision });
    expect(outcome.stdoutTail).toBe('port 6380\npeer 127.0.0.1:1\npeer 127.0.0.2:2\nname cache & <raw>\nhello from cln-m1\n');
    expect(statSync(join(dataDir, 'redis/redis.conf')).mode & 0o777).toBe(0o640);
    expect(statSync(join(dataDir, 'app/bin/hello.sh')).mode & 0o777).toBe(0o755);
    expect(reloads()).toEqual([]);
  });

  it('serves the /self view read-only, in the metad shape', async () => {
    const self = (await (await fetch(`${metadataUrl}/self`)).json()) as Record<string, unknown>;
    expect(self).toMatchObject({ host: { node_id: 'cln-m1', sid: 1 }, cluster: { name: 'cache' }, env: { port: '6380' }, 'adding-hosts': {}, 'deleting-hosts': {} });
    expect(Object.keys((self.hosts as Record<string, object>).master).sort()).toEqual(['cln-m1', 'cln-m2']);
    expect(await (await fetch(`${metadataUrl}/self/hosts/master/cln-m2/ip`)).json()).toBe('127.0.0.2');
    expect(await (await fetch(`${metadataUrl}/self/host/ip`, { headers: { accept: 'text/plain' } })).text()).toBe('127.0.0.1\n');
    expect((await fetch(`${metadataUrl}/self/nope`)).status).toBe(404);
    expect((await fetch(`${metadataUrl}/other`)).status).toBe(404);
    expect((await fetch(`${metadataUrl}/self`, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('re-renders on a change and runs the reload command once; a change that renders the same bytes runs nothing', async () => {
    const changed = await net.plane.metadata.write('fg-a', 'cl-1', { hosts: [host('cln-m3', '127.0.0.3', 3)] });
    await net.plane.pilot.waitForDrones('fg-a', ['cln-m1'], { minMetadataRevision: changed.revision, timeoutMs: 5_000 });
    expect(readFileSync(join(dataDir, 'redis/redis.conf'), 'utf8')).toContain('peer 127.0.0.3:3\n');
    expect(reloads()).toEqual(['reloaded reload']);
    const same = await net.plane.metadata.write('fg-a', 'cl-1', { env: { port: '6379', unused: 'x' } });
    const other = await net.plane.metadata.write('fg-a', 'cl-9', { cluster: { cluster_id: 'cl-9' } });
    await net.plane.pilot.waitForDrones('fg-a', ['cln-m1'], { minMetadataRevision: Math.max(same.revision, other.revision), timeoutMs: 5_000 });
    expect(reloads()).toEqual(['reloaded reload']);
  });

  it('a drone killed while writing its record of delivered files starts again and applies the next revision', async () => {
    const drone = net.drone('cln-m1');
    const record = join(dataDir, '.pitrix-drone', 'files.json');
    expect(existsSync(record)).toBe(true);
    await drone.kill();
    writeFileSync(record, '');
    await drone.start();
    const { revision } = await net.plane.metadata.write('fg-a', 'cl-1', {
      files: [{ path: 'bin/hello.sh', mode: 0o755, contentBase64: Buffer.from('#!/bin/sh\necho hello again\n').toString('base64') }],
    });
    const [info] = await net.plane.pilot.waitForDrones('fg-a', ['cln-m1'], { minMetadataRevision: revision, timeoutMs: 10_000 });
    expect(info?.metadataRevision).toBeGreaterThanOrEqual(revision);
    expect(readFileSync(join(dataDir, 'app/bin/hello.sh'), 'utf8')).toBe('#!/bin/sh\necho hello again\n');
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual(['bin/hello.sh']);
    expect(readFileSync(drone.logFile, 'utf8')).toContain('is unreadable; starting from none');
  });

  it('metadata set back to an older version gives app/ exactly that version\'s files again: changed ones restored, added ones gone with their folders', async () => {
    const file = (path: string, text: string, mode = 0o644) => ({ path, mode, contentBase64: Buffer.from(text).toString('base64') });
    const older = [file('bin/hello.sh', '#!/bin/sh\necho hello again\n', 0o755), file('conf/defaults', 'size=1\n')];
    const newer = [file('bin/hello.sh', '#!/bin/sh\necho hello from v2\n', 0o700), file('conf/defaults', 'size=2\n'), file('share/docs/notes.txt', 'new in v2\n'), file('bin/migrate.sh', 'exit 0\n', 0o755)];
    const apply = async (files: typeof older) => {
      const { revision } = await net.plane.metadata.write('fg-a', 'cl-1', { files });
      await net.plane.pilot.waitForDrones('fg-a', ['cln-m1'], { minMetadataRevision: revision, timeoutMs: 5_000 });
    };
    const appTree = () =>
      (readdirSync(join(dataDir, 'app'), { recursive: true }) as string[]).sort().map((path) => {
        const stat = statSync(join(dataDir, 'app', path));
        return [path, stat.mode & 0o7777, stat.isDirectory() ? 'folder' : readFileSync(join(dataDir, 'app', path), 'utf8')];
      });
    await apply(older);
    const before = appTree();
    await apply(newer);
    expect(appTree()).toContainEqual(['share/docs/notes.txt', 0o644, 'new in v2\n']);
    await apply(older);
    expect(appTree()).toEqual(before);
    await apply(older);
    expect(appTree()).toEqual(before);
  });

  it('removes a package file that is no longer in the package and empties the view of a deleted cluster', async () => {
    const { revision } = await net.plane.metadata.write('fg-a', 'cl-1', { files: [], removeHosts: ['cln-m3'] });
    await net.plane.pilot.waitForDrones('fg-a', ['cln-m1'], { minMetadataRevision: revision, timeoutMs: 5_000 });
    expect(existsSync(join(dataDir, 'app/bin/hello.sh'))).toBe(false);
    await net.plane.metadata.deleteCluster('fg-a', 'cl-1');
    const view = await eventually(
      async () => (await (await fetch(`${metadataUrl}/self`)).json()) as Record<string, unknown>,
      (self) => JSON.stringify(self.cluster) === '{}',
    );
    expect(view).toMatchObject({ host: {}, hosts: {}, cluster: {}, env: {} });
  });
});
