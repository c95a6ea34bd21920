import type { ChartFiles } from '@pitrix/provider-contract';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The test chart (testdata/demo-chart) as chart files, with `replace` overriding or adding files by path. */
export function demoChart(replace: Readonly<Record<string, string>> = {}): ChartFiles {
  const root = join(__dirname, 'testdata', 'demo-chart');
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  for (const [path, text] of Object.entries(replace)) files.set(path, text);
  return { files: [...files].map(([path, text]) => ({ path, contentBase64: Buffer.from(text).toString('base64'), mode: 0o644 })) };
}
