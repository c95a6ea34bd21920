import { stat } from 'node:fs/promises';
import { PitrixError } from '@pitrix/errors';
import { HelmCli, lintChartWithHelm } from '@pitrix/helm';
import { errorsOf, inspectPackage, packageKindOf, readChart, type PackageFiles } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory, readArchiveFile } from '@pitrix/package-io';
import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { VERSION_FIELDS, type VersionView } from '../app/app-queries.js';
import { packageContext } from './context.js';

/**
 * `pitrix package push <dir|tgz> --repo <id>`: uploads a package into a writable repo, where it
 * becomes a draft version. A folder (a Pitrix package or a Helm chart) is linted and built first;
 * an archive is sent as it is.
 */
export function packagePushCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('push')
    .description('Upload a package (folder or .tgz) into a repository as a draft version')
    .argument('<source>', 'package folder or .tgz archive')
    .requiredOption('--repo <id>', 'repo id (a file:// repo)')
    .action(async (source: string, opts: { repo: string }, command: Command) => {
      const { limits, helmBinary } = packageContext(command, env);
      const { api, out } = contextFrom(command, env);
      const info = await stat(source).catch(() => {
        throw new PitrixError('PACKAGE.NOT_FOUND', `${source}: no such file or folder`);
      });
      let bytes: Uint8Array;
      if (info.isDirectory()) {
        const files = await loadPackageFromDirectory(source, limits);
        bytes = packageKindOf(files) === 'helm' ? await chartArchive(source, files, helmBinary) : packageArchive(source, files);
      } else {
        bytes = await readArchiveFile(source, limits);
      }
      const { uploadPackage } = await api.request<{ uploadPackage: VersionView }>(
        `mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { ${VERSION_FIELDS} } }`,
        { input: { repoId: opts.repo, archiveBase64: Buffer.from(bytes).toString('base64') } },
      );
      out.result(uploadPackage, () => `pushed ${uploadPackage.name} ${uploadPackage.version} as ${uploadPackage.id} (${uploadPackage.status})`);
    });
}

function packageArchive(source: string, files: PackageFiles): Uint8Array {
  const { model, problems } = inspectPackage(files);
  if (!model) throw new PitrixError('PACKAGE.INVALID', `${source} does not pass lint; nothing was pushed`, errorsOf(problems));
  return buildPackageArchive(files, model.metadata).bytes;
}

/** A chart folder, linted as the catalog will (static checks, then `helm template` with its defaults). */
async function chartArchive(source: string, files: PackageFiles, helmBinary: string): Promise<Uint8Array> {
  const problems = await lintChartWithHelm(new HelmCli(helmBinary), files);
  const errors = errorsOf(problems);
  if (errors.length > 0) throw new PitrixError('PACKAGE.CHART_INVALID', `${source} does not pass lint; nothing was pushed`, errors);
  return buildPackageArchive(files, readChart(files).metadata).bytes;
}
