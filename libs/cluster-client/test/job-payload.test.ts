import { loadPackageConfig } from '@pitrix/config';
import { hasErrorCode, type PitrixError } from '@pitrix/errors';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import type { Blueprint, PackageFiles } from '@pitrix/package';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobPayloadFromPackage } from '../src/index.js';

const kvStore = join(__dirname, '../../../examples/packages/kv-store');

function thrown(run: () => unknown): PitrixError {
  try {
    run();
  } catch (err) {
    return err as PitrixError;
  }
  throw new Error('expected an error');
}

const pathsOf = (err: PitrixError) => err.problems.map((problem) => problem.path);

describe('the payload of a job from a package and values', () => {
  let files: PackageFiles;
  beforeAll(async () => {
    files = await loadPackageFromDirectory(kvStore, loadPackageConfig({}).package);
  });

  it('renders the blueprint from values over the defaults and carries only the files nodes need', () => {
    const payload = jobPayloadFromPackage(files, { cluster: { replica: { count: 1 } } }, { cluster: { name: 'kv-a', description: 'test' } });
    const roles = Object.fromEntries((payload.blueprint as Blueprint).nodes.map((role) => [role.role, role.count]));
    expect(roles).toMatchObject({ replica: 1 });
    expect(payload.values).toMatchObject({ cluster: { replica: { count: 1 }, primary: { cpu: 1 } }, env: { port: 6380 } });
    expect(payload.cluster).toEqual({ name: 'kv-a', description: 'test' });
    const shipped = payload.packageFiles.map((file) => file.path);
    expect(shipped.length).toBeGreaterThan(0);
    for (const path of shipped) expect(path.startsWith('files/') || path.startsWith('templates/')).toBe(true);
    expect(shipped).not.toContain('config.json');
    expect(shipped).not.toContain('cluster.json.tmpl');
  });

  it('refuses bad values with every problem and its path, before anything is rendered', () => {
    const err = thrown(() => jobPayloadFromPackage(files, { cluster: { replica: { count: 9 }, primary: { cpu: 3 } } }));
    expect(hasErrorCode(err, 'PACKAGE.VALUES_INVALID')).toBe(true);
    expect(pathsOf(err).sort()).toEqual(['cluster.primary.cpu', 'cluster.replica.count']);
  });

  it('refuses a change of a value that is not changeable on an update', () => {
    const first = jobPayloadFromPackage(files, {});
    const err = thrown(() => jobPayloadFromPackage(files, { env: { port: 7000 } }, { previous: first.values }));
    expect(hasErrorCode(err, 'PACKAGE.VALUES_INVALID')).toBe(true);
    expect(pathsOf(err)).toEqual(['env.port']);
  });
});
