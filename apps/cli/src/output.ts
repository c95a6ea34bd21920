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

/** How long ago `since` was, the way kubectl shows an age: 45s, 12m, 3h, 2d (null: -). */
export function age(since: string | null | undefined, now = Date.now()): string {
  if (!since) return '-';
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3_600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}
