import { readFile } from 'node:fs/promises';
import { HelmCli, lintChartWithHelm } from '@pitrix/helm';
import { findFile, lintPackage, PACKAGE_JSON, packageKindOf, parseRepoIndex, readPackageMetadata, type PackageFiles, type PackageProblem } from '@pitrix/package';
import { loadPackage } from '@pitrix/package-io';
import { Command } from 'commander';
import { packageContext } from './context.js';
import { countProblems, formatProblem, summary, withProblems } from './problems-output.js';

/**
 * `pitrix package lint <dir|tgz|url>`: every problem of a package or Helm chart (a chart is also
 * rendered with `helm template` and its defaults, with the helm binary `PITRIX_HELM_BINARY`
 * names); exit code 1 when there is an error.
 */
export function packageLintCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('lint')
    .description('Check a package or Helm chart (folder, .tgz or URL) and report every problem at once')
    .argument('<source>', 'package or chart folder, .tgz file or http(s) URL')
    .option('--index <file>', 'index.yaml of the repository, to check upgradePolicy against its versions')
    .option('--json', 'print machine-readable JSON')
    .action(async (source: string, opts: { index?: string }, command: Command) => {
      const { limits, helmBinary, out } = packageContext(command, env);
      await withProblems(out, async () => {
        const files = await loadPackage(source, limits);
        const chart = packageKindOf(files) === 'helm';
        const knownVersions = opts.index && !chart ? await versionsFromIndex(opts.index, files) : undefined;
        const problems: PackageProblem[] = chart ? await lintChartWithHelm(new HelmCli(helmBinary), files) : lintPackage(files, { knownVersions });
        const counts = countProblems(problems);
        out.result({ source, ...counts, problems }, () =>
          [`==> Linting ${source}`, ...problems.map(formatProblem), '', `1 ${chart ? 'chart' : 'package'} linted, ${summary(problems)}`].join('\n'),
        );
        if (counts.errors > 0) process.exitCode = 1;
      });
    });
}

/** The versions the repository index lists for this package's name (none when the name is unreadable). */
async function versionsFromIndex(path: string, files: PackageFiles): Promise<string[]> {
  const index = parseRepoIndex(await readFile(path, 'utf8'));
  const packageJson = findFile(files, PACKAGE_JSON);
  const name = packageJson ? readPackageMetadata(packageJson.bytes).metadata?.name : undefined;
  return name === undefined ? [] : (index.entries[name] ?? []).map((entry) => entry.version);
}
