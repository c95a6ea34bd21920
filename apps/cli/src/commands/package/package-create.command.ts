import { join, resolve } from 'node:path';
import { PitrixError } from '@pitrix/errors';
import { createSkeleton, PACKAGE_NAME_PATTERN } from '@pitrix/package';
import { writePackageFolder } from '@pitrix/package-io';
import { Command } from 'commander';
import { packageContext } from './context.js';

/** `pitrix package create <name>`: writes a working skeleton package into a new folder `<name>`. */
export function packageCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .description('Create a new package folder with a working skeleton (passes lint, runs on the local runtime)')
    .argument('<name>', 'package name: lower-case letters, digits and dashes')
    .option('-d, --dir <parent>', 'folder to create the package in', '.')
    .option('--json', 'print machine-readable JSON')
    .action(async (name: string, opts: { dir: string }, command: Command) => {
      const { limits, out } = packageContext(command, env);
      if (!PACKAGE_NAME_PATTERN.test(name)) {
        throw new PitrixError('INPUT.INVALID', `"${name}" is not a package name: use lower-case letters, digits and dashes, starting with a letter`);
      }
      const folder = resolve(join(opts.dir, name));
      const files = createSkeleton(name);
      await writePackageFolder(folder, files, limits);
      out.result({ name, folder, files: files.map((file) => file.path) }, () => `created ${folder}\nnext: pitrix package lint ${folder}`);
    });
}
