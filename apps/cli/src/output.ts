/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Output {
  readonly json: boolean;
  result(value: unknown, human: () => string): void;
  progress(line: string): void;
}

/** Creates the output for one command run (`--json` prints machine-readable results only). */
export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result(value, human) {
      stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(line) {
      if (!json) stderr.write(`${line}\n`);
    },
  };
}

/** Formats rows as an aligned text table with a header. */
export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
