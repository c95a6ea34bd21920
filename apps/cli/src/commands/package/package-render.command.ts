import { readFile } from 'node:fs/promises';
import { PitrixError } from '@pitrix/errors';
import { parsePackage, renderBlueprint } from '@pitrix/package';
import { loadPackage } from '@pitrix/package-io';
import { Command } from 'commander';
import { packageContext } from './context.js';
import { formatProblem, withProblems } from './problems-output.js';

/** `pitrix package render <source> [--values file.json]`: prints the rendered, validated blueprint as JSON. */
export function packageRenderCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('render')
    .description('Render the blueprint of a package with its defaults and optional values, and print it')
    .argument('<source>', 'package folder, .tgz file or http(s) URL')
    .option('-f, --values <file>', 'JSON file of values, shaped like config.json (cluster, env, service_params)')
    .option('--json', 'print machine-readable JSON (the output is JSON either way)')
    .action(async (source: string, opts: { values?: string }, command: Command) => {
      const { limits, out } = packageContext(command, env);
      await withProblems(out, async () => {
        const model = parsePackage(await loadPackage(source, limits));
        const values = opts.values === undefined ? {} : await readValues(opts.values);
        const { blueprint, warnings } = renderBlueprint(model, values);
        for (const warning of warnings) out.progress(formatProblem(warning));
        out.result(blueprint, () => JSON.stringify(blueprint, null, 2));
      });
    });
}

async function readValues(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new PitrixError('INPUT.INVALID', `cannot read the values file ${path}: ${err.code ?? err.message}`);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new PitrixError('INPUT.INVALID', `the values file ${path} is not JSON: ${(err as Error).message}`);
  }
}
