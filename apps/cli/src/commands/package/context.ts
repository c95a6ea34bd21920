import { loadPackageConfig } from '@pitrix/config';
import type { PackageLimits } from '@pitrix/package-io';
import type { Command } from 'commander';
import type { GlobalOptions } from '../../context.js';
import { createOutput, type Output } from '../../output.js';

/** What a package command needs: the loader limits and the helm binary from the environment, and the output. */
export interface PackageContext {
  readonly limits: PackageLimits;
  /** The helm binary charts are rendered with (`PITRIX_HELM_BINARY`). */
  readonly helmBinary: string;
  readonly out: Output;
}

/** Builds the context of a package command; `--json` may be given before or after the command. */
export function packageContext(command: Command, env: NodeJS.ProcessEnv): PackageContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const settings = loadPackageConfig(env).package;
  return { limits: settings, helmBinary: settings.helmBinary, out: createOutput(options.json ?? false) };
}
