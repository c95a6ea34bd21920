const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;
/** Nx's stream output prefixes every line with the project it comes from. */
const PROJECT_PREFIX = /^(@[\w.-]+\/[\w.-]+):\s?(.*)$/;
/** Vitest's report of what went wrong: the failed tests, the failed suites (hooks), unhandled errors. */
const REPORT_START = /⎯{3,} (Failed Tests|Failed Suites|Unhandled Errors?)\b/;
const REPORT_END = /^\s*Test Files\s/;
/** A failed test file or test in vitest's running list. */
const FAILED_ITEM = /^\s*(FAIL|×)\s|^\s*❯ .*\bfailed\b/;

/**
 * Collects, per project, the lines of vitest's failure report out of the interleaved output of a
 * parallel Nx run, so that they can be printed again at the very end, where a reader of only the
 * tail of a long CI log (thousands of lines of worker logs) finds them.
 */
export class FailureDigest {
  private readonly linesByProject = new Map<string, string[]>();
  private readonly reporting = new Set<string>();
  private readonly partial = new Map<string, string>();

  constructor(private readonly maxLines = 160) {}

  /** Feeds a chunk of one output stream; lines may be split across chunks. */
  feed(stream: string, chunk: string): void {
    const text = (this.partial.get(stream) ?? '') + chunk;
    const lines = text.split('\n');
    this.partial.set(stream, lines.pop()!);
    for (const line of lines) this.take(line);
  }

  /** The collected report, or '' when no project reported a failure. */
  render(): string {
    for (const [stream, rest] of this.partial) {
      if (rest) this.take(rest);
      this.partial.delete(stream);
    }
    const sections: string[] = [];
    let budget = this.maxLines;
    for (const [project, lines] of this.linesByProject) {
      if (budget <= 0) break;
      const shown = lines.slice(0, budget);
      budget -= shown.length;
      const omitted = lines.length - shown.length;
      sections.push([`── ${project || '(no project)'}: what failed ──`, ...shown, ...(omitted > 0 ? [`… ${omitted} more line(s)`] : [])].join('\n'));
    }
    return sections.join('\n');
  }

  private take(rawLine: string): void {
    const line = rawLine.replace(ANSI_ESCAPE, '').replace(/\r$/, '');
    const match = PROJECT_PREFIX.exec(line);
    const project = match?.[1] ?? '';
    const text = match ? match[2]! : line;
    if (REPORT_START.test(text)) this.reporting.add(project);
    if (this.reporting.has(project) || FAILED_ITEM.test(text)) {
      const lines = this.linesByProject.get(project) ?? [];
      // Blank lines only space the report out; one in a row is enough.
      if (text.trim() !== '' || (lines.at(-1) ?? '').trim() !== '') lines.push(text);
      this.linesByProject.set(project, lines);
    }
    if (REPORT_END.test(text)) this.reporting.delete(project);
  }
}
