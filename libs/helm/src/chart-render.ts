import { isPitrixError, PitrixError, type Problem } from '@pitrix/errors';
import { lintChart, type PackageProblem } from '@pitrix/package';
import type { HelmChartFile, HelmCli } from './helm-cli.js';

/** A chart file as the catalog holds it (bytes) or as job payloads carry it (base64). */
export type ChartFileInput =
  | { readonly path: string; readonly bytes: Uint8Array; readonly mode: number }
  | { readonly path: string; readonly contentBase64: string; readonly mode: number };

/** Where a render pretends to install: the release name and its namespace. */
export interface ChartRenderTarget {
  readonly release: string;
  readonly namespace: string;
  /** Longest helm may run (default 60 s). */
  readonly timeoutMs?: number;
}

/** The release and namespace lint renders with. */
export const LINT_TARGET: ChartRenderTarget = { release: 'pitrix-lint', namespace: 'default' };

/** Converts chart files to what HelmCli writes. */
export function toHelmChartFiles(files: readonly ChartFileInput[]): HelmChartFile[] {
  return files.map((file) => ({
    path: file.path,
    mode: file.mode,
    contentBase64: 'contentBase64' in file ? file.contentBase64 : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64'),
  }));
}

/**
 * Renders a chart with `helm template <release> <chart> --namespace <ns> -f <values>` (hooks
 * included, CRDs of `crds/` not) and returns the manifests as helm prints them. Values that break
 * values.schema.json are `PACKAGE.VALUES_INVALID` with one problem per field helm names (its
 * JSON path); any other failure is `PACKAGE.CHART_INVALID` with helm's message and the template
 * file it names.
 */
export async function renderChart(helm: HelmCli, files: readonly ChartFileInput[], values: Readonly<Record<string, unknown>>, target: ChartRenderTarget): Promise<string> {
  const output = await helm.run(['template', target.release, '{chart}', '--namespace', target.namespace, '-f', '{values}'], {
    chart: toHelmChartFiles(files),
    values,
    timeoutMs: target.timeoutMs ?? 60_000,
  });
  if (output.exitCode === 0) return output.stdout;
  throw helmTemplateError(output.stderr);
}

/**
 * A chart's lint: every static problem (lintChart) and, when there is no static error, whether
 * `helm template` renders it with its own defaults; a chart that does not is one error problem
 * carrying helm's message.
 */
export async function lintChartWithHelm(helm: HelmCli, files: readonly ChartFileInput[]): Promise<PackageProblem[]> {
  const bytesFiles = files.map((file) => ('bytes' in file ? file : { path: file.path, mode: file.mode, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) }));
  const problems = lintChart(bytesFiles);
  if (problems.some((problem) => problem.severity === 'error')) return problems;
  try {
    await renderChart(helm, files, {}, LINT_TARGET);
  } catch (err) {
    if (!isPitrixError(err)) throw err;
    const code = err.code === 'PACKAGE.VALUES_INVALID' ? 'chart.defaults_invalid' : 'chart.render';
    const found = err.problems.length > 0 ? err.problems : [{ path: '$', message: err.message }];
    for (const problem of found) {
      problems.push({
        severity: 'error',
        file: problem.file ?? (code === 'chart.defaults_invalid' ? 'values.yaml' : 'templates/'),
        path: problem.path,
        code,
        message: code === 'chart.defaults_invalid' ? `the default values break values.schema.json: ${problem.message}` : `helm template fails with the default values: ${problem.message}`,
      });
    }
  }
  return problems;
}

const SCHEMA_HEADER = /values don't meet the specifications of the schema/;

/** Turns helm template's stderr into the error it stands for. */
export function helmTemplateError(stderr: string): PitrixError {
  const message = trimHelmMessage(stderr);
  if (SCHEMA_HEADER.test(stderr)) {
    const problems = parseSchemaErrors(stderr);
    return new PitrixError('PACKAGE.VALUES_INVALID', message, problems.length > 0 ? problems : [{ path: '$', message }]);
  }
  const file = /(?:^|[\s:(])[^\s/:]+\/(templates\/[^\s:"]+?)(?=[:\s")]|$)/m.exec(stderr)?.[1];
  return new PitrixError('PACKAGE.CHART_INVALID', message, [{ path: '$', message, ...(file ? { file } : {}) }]);
}

/** helm's stderr without the `Error: ` prefix, warnings and blank lines, at most 4,000 characters. */
export function trimHelmMessage(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '' && !/^(WARNING|walk\.go|level=WARN|Use --debug flag)/.test(line.trim()));
  const text = lines.join('\n').replace(/^Error: /, '').trim();
  return (text || 'helm template failed').slice(0, 4000);
}

/**
 * Reads helm's schema failures, one problem per field. Helm 4 prints a tree of JSON pointers:
 * `- at '/web': validation failed` over `  - at '/web/replicas': maximum: got 20, want 10`, and
 * `- at '': missing property 'web'` for a required key; Helm 3 printed
 * `- web.replicas: Must be less than or equal to 10`. Paths are given in dotted form
 * (`web.replicas`); a missing property is named by its own path.
 */
export function parseSchemaErrors(stderr: string): Problem[] {
  const problems: Problem[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    const pointer = /^-\s+at\s+'([^']*)':\s*(.*)$/.exec(line);
    if (pointer) {
      const at = pointer[1] as string;
      const message = (pointer[2] as string).trim();
      // A parent whose children say what failed.
      if (message === 'validation failed') continue;
      const missing = /^missing propert(?:y|ies) (.+)$/.exec(message);
      if (missing) {
        for (const name of [...(missing[1] as string).matchAll(/'([^']*)'/g)].map((match) => match[1] as string)) {
          problems.push({ path: pointerToPath(`${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`), message: 'a required value is missing', file: 'values.yaml' });
        }
        continue;
      }
      problems.push({ path: pointerToPath(at), message, file: 'values.yaml' });
      continue;
    }
    const dotted = /^-\s+\(?([^\s:()]+)\)?:\s*(.*)$/.exec(line);
    if (dotted) problems.push({ path: dotted[1] === 'root' ? '$' : (dotted[1] as string), message: (dotted[2] as string).trim(), file: 'values.yaml' });
  }
  return problems;
}

/** `/web/resources/0` → `web.resources[0]`; the empty pointer is `$`. */
export function pointerToPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '$';
  let out = '';
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
