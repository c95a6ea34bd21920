import { loadPackageConfig } from '@pitrix/config';
import type { PackageLimits } from '@pitrix/package-io';
import type { Command } from 'commander';
import type { GlobalOptions } from '../../context.js';
import { createOutput, type Output } from '../../output.js';

/** What a package command needs: the loader limits from the environment, and the output. */
export interface PackageContext {
  readonly limits: PackageLimits;
  readonly out: Output;
}

/** Builds the context of a package command; `--json` may be given before or after the command. */
export function packageContext(command: Command, env: NodeJS.ProcessEnv): PackageContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  return { limits: loadPackageConfig(env).package, out: createOutput(options.json ?? false) };
}
