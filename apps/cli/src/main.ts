import { isPitrixError } from '@pitrix/errors';
import { asksForVersion, cliVersion } from './cli-version.js';
import { buildProgram } from './program.js';

if (asksForVersion(process.argv.slice(2))) {
  process.stdout.write(`${cliVersion()}\n`);
} else {
  buildProgram(process.env)
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      if (isPitrixError(err)) {
        process.stderr.write(`pitrix: ${err.message} [${err.code}]\n`);
        for (const problem of err.problems) process.stderr.write(`  ${problem.path}: ${problem.message}\n`);
      } else {
        process.stderr.write(`pitrix: ${(err as Error).message ?? String(err)}\n`);
      }
      process.exitCode = 1;
    });
}
