import { indexPackageFolder, writeRepoIndexFile } from '@pitrix/package-io';
import { Command } from 'commander';
import { packageContext } from './context.js';
import { countProblems, formatProblem, withProblems } from './problems-output.js';

/**
 * `pitrix package index <folder>`: writes `<folder>/index.yaml` (OpenPitrix format) listing every
 * `.tgz` below it with its digest and urls. Archives that cannot be read are skipped, reported,
 * and make the exit code 1; the index of the others is still written.
 */
export function packageIndexCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('index')
    .description('Write index.yaml for every package archive in a folder')
    .argument('<folder>', 'folder of .tgz archives (searched recursively)')
    .option('--url <base>', 'base URL the archives are served from (default: paths relative to index.yaml)')
    .option('--json', 'print machine-readable JSON')
    .action(async (folder: string, opts: { url?: string }, command: Command) => {
      const { limits, out } = packageContext(command, env);
      await withProblems(out, async () => {
        const indexed = await indexPackageFolder(folder, { limits, baseUrl: opts.url });
        const path = await writeRepoIndexFile(folder, indexed.yaml);
        const names = Object.keys(indexed.index.entries).length;
        out.result({ index: path, versions: indexed.count, packages: names, problems: indexed.problems }, () =>
          [...indexed.problems.map(formatProblem), `${path}: ${plural(indexed.count, 'version')} of ${plural(names, 'package')}`].join('\n'),
        );
        if (countProblems(indexed.problems).errors > 0) process.exitCode = 1;
      });
    });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
