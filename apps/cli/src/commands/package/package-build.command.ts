import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PitrixError } from '@pitrix/errors';
import { errorsOf, inspectPackage } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory } from '@pitrix/package-io';
import { Command } from 'commander';
import { packageContext } from './context.js';
import { formatProblem, withProblems } from './problems-output.js';

/**
 * `pitrix package build <dir>`: lints the package, then writes `<name>-<version>.tgz`
 * (deterministic: the same files give the same bytes) and prints its sha256.
 */
export function packageBuildCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('build')
    .description('Lint a package folder and write its deterministic .tgz with its sha256')
    .argument('<dir>', 'package folder')
    .option('-o, --out <dir>', 'folder to write the archive into', '.')
    .option('--json', 'print machine-readable JSON')
    .action(async (dir: string, opts: { out: string }, command: Command) => {
      const { limits, out } = packageContext(command, env);
      await withProblems(out, async () => {
        const files = await loadPackageFromDirectory(dir, limits);
        const { model, problems } = inspectPackage(files);
        if (!model) throw new PitrixError('PACKAGE.INVALID', `${dir} does not pass lint; nothing was built`, errorsOf(problems));
        for (const warning of problems) out.progress(formatProblem(warning));
        const archive = buildPackageArchive(files, model.metadata);
        await mkdir(opts.out, { recursive: true });
        const path = resolve(join(opts.out, archive.fileName));
        await writeFile(path, archive.bytes);
        const result = { name: model.metadata.name, version: model.metadata.version, file: path, bytes: archive.bytes.length, sha256: archive.sha256 };
        out.result(result, () => `${path}\nsha256: ${archive.sha256}`);
      });
    });
}
