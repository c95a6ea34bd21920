/** A label or selector as the API takes it. */
export interface LabelPair {
  readonly key: string;
  readonly value: string;
}

/** Labels are edited as text, `key=value` one a line: short to type and read with any screen reader. */
export function formatLabels(labels: readonly LabelPair[]): string {
  return labels.map((label) => `${label.key}=${label.value}`).join('\n');
}

/** Reads `key=value` lines (blank lines skipped); a line without `=` is an error naming it. */
export function parseLabels(text: string): { labels: LabelPair[]; error?: string } {
  const labels: LabelPair[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at <= 0) return { labels, error: `“${line}” is not key=value` };
    labels.push({ key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  return { labels };
}

/** Reads a JSON object typed into a text area; anything else is an error. */
export function parseJsonObject(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return { value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected a JSON object' };
    return { value: value as Record<string, unknown> };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
