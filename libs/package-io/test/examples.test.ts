import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, lintPackage, parsePackage, renderBlueprint } from '@pitrix/package';
import { describe, expect, it } from 'vitest';
import { buildPackageArchive, loadPackageFromBytes, loadPackageFromDirectory } from '../src/index.js';
import { EXAMPLES, LIMITS } from './helpers.js';

const examples = readdirSync(EXAMPLES).filter((name) => statSync(join(EXAMPLES, name)).isDirectory()).sort();

describe('example packages', () => {
  it('are the four shipped examples', () => {
    expect(examples).toEqual(['kv-store', 'nats-cluster', 'redis-cluster', 'web-app']);
  });

  describe.each(examples)('%s', (name) => {
    const folder = join(EXAMPLES, name);

    it('lints without a single problem', async () => {
      expect(lintPackage(await loadPackageFromDirectory(folder, LIMITS))).toEqual([]);
    });

    it('renders with its defaults; every hook runs a script the package ships', async () => {
      const files = await loadPackageFromDirectory(folder, LIMITS);
      const { blueprint } = renderBlueprint(parsePackage(files), {});
      const hooks = blueprint.nodes.flatMap((role) => Object.values(role.services ?? {}));
      expect(hooks.length).toBeGreaterThan(0);
      for (const hook of hooks) expect(hook.cmd).toMatch(/^\$PITRIX_DATA_DIR\/app\/bin\/[a-z-]+\.sh [a-z-]+$/);
    });

    it('builds to an archive that loads back to the same files', async () => {
      const files = await loadPackageFromDirectory(folder, LIMITS);
      const metadata = parsePackage(files).metadata;
      expect(await loadPackageFromBytes(buildPackageArchive(files, metadata).bytes, LIMITS)).toEqual(files);
    });

    it('ships scripts that pass sh -n and bash -n, and Python that parses', async () => {
      const files = await loadPackageFromDirectory(folder, LIMITS);
      const scripts = files.filter((file) => file.path.endsWith('.sh'));
      const python = files.filter((file) => file.path.endsWith('.py'));
      expect(scripts.length + python.length).toBeGreaterThan(0);
      for (const script of scripts) {
        for (const shell of ['sh', 'bash']) execFileSync(shell, ['-n', join(folder, script.path)], { stdio: 'pipe' });
      }
      for (const file of python) {
        // ast.parse checks the syntax without writing __pycache__ into the package.
        execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read(), sys.argv[1])', file.path], { input: decodeText(file.bytes), stdio: ['pipe', 'pipe', 'pipe'] });
      }
    });
  });
});
