import type { Placeholder } from './ast.js';

/** A placeholder could not be read; `offset` is relative to the start of the scanned text. */
export class PlaceholderSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// A reference is dotted segments of letters, digits, `_` and `-` (`env.maxmemory-percent`), so
// template logic (`if`, `range`, pipelines, mustache sections) never parses.
const REFERENCE = /^\.?[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_][A-Za-z0-9_-]*)*$/;

/** Reads the reference inside `{{ ... }}`; OpenPitrix's leading dot is optional and dropped. */
export function parseReference(inner: string, offset: number): Placeholder {
  const trimmed = inner.trim();
  if (!REFERENCE.test(trimmed)) {
    throw new PlaceholderSyntaxError(
      `unsupported placeholder {{${inner}}}: only value references such as {{cluster.name}} or {{.cluster.name}} are allowed`,
      offset,
    );
  }
  return { ref: trimmed.startsWith('.') ? trimmed.slice(1) : trimmed, offset };
}

/**
 * Splits string content into literal text and placeholders. `base` is the offset of the content
 * in the whole template, so every placeholder knows where it was written.
 */
export function splitPlaceholders(content: string, base: number): (string | Placeholder)[] {
  const parts: (string | Placeholder)[] = [];
  let index = 0;
  while (index < content.length) {
    const open = content.indexOf('{{', index);
    if (open < 0) break;
    const close = content.indexOf('}}', open + 2);
    if (close < 0) throw new PlaceholderSyntaxError('unclosed placeholder: "{{" without "}}"', base + open);
    if (open > index) parts.push(content.slice(index, open));
    parts.push(parseReference(content.slice(open + 2, close), base + open));
    index = close + 2;
  }
  if (index < content.length) parts.push(content.slice(index));
  return parts;
}
