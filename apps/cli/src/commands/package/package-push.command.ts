import { stat } from 'node:fs/promises';
import { PitrixError } from '@pitrix/errors';
import { errorsOf, inspectPackage } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory, readArchiveFile } from '@pitrix/package-io';
import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { VERSION_FIELDS, type VersionView } from '../app/app-queries.js';
import { packageContext } from './context.js';

/**
 * `pitrix package push <dir|tgz> --repo <id>`: uploads a package into a writable repo, where it
 * becomes a draft version. A folder is linted and built first; an archive is sent as it is.
 */
export function packagePushCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('push')
    .description('Upload a package (folder or .tgz) into a repository as a draft version')
    .argument('<source>', 'package folder or .tgz archive')
    .requiredOption('--repo <id>', 'repo id (a file:// repo)')
    .action(async (source: string, opts: { repo: string }, command: Command) => {
      const { limits } = packageContext(command, env);
      const { api, out } = contextFrom(command, env);
      const info = await stat(source).catch(() => {
        throw new PitrixError('PACKAGE.NOT_FOUND', `${source}: no such file or folder`);
      });
      let bytes: Uint8Array;
      if (info.isDirectory()) {
        const files = await loadPackageFromDirectory(source, limits);
        const { model, problems } = inspectPackage(files);
        if (!model) throw new PitrixError('PACKAGE.INVALID', `${source} does not pass lint; nothing was pushed`, errorsOf(problems));
        bytes = buildPackageArchive(files, model.metadata).bytes;
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
