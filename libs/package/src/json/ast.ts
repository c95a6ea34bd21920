/** A scalar as it appears in JSON. */
export type JsonScalar = string | number | boolean | null;

/** A reference to a value, `{{cluster.zk.count}}` or `{{.cluster.zk.count}}`, at its offset. */
export interface Placeholder {
  readonly ref: string;
  readonly offset: number;
}

/** One `"key": value` pair of an object, with where its key starts. */
export interface ObjectEntry {
  readonly key: string;
  readonly keyOffset: number;
  readonly value: JsonNode;
}

/**
 * A parsed JSON (or blueprint template) value with the offset where it starts. `text` is a string
 * with placeholders interpolated into it; `placeholder` is a whole value replaced by a typed value.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly offset: number; readonly entries: readonly ObjectEntry[] }
  | { readonly kind: 'array'; readonly offset: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'literal'; readonly offset: number; readonly value: JsonScalar }
  | { readonly kind: 'text'; readonly offset: number; readonly parts: readonly (string | Placeholder)[] }
  | ({ readonly kind: 'placeholder' } & Placeholder);

/**
 * Converts a parsed node without placeholders to a plain value. Objects are built with
 * `Object.fromEntries`, so a key such as `__proto__` stays an ordinary own property.
 */
export function toPlainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, toPlainValue(entry.value)]));
    case 'array':
      return node.items.map(toPlainValue);
    case 'literal':
      return node.value;
    case 'text':
      return node.parts.map((part) => (typeof part === 'string' ? part : `{{${part.ref}}}`)).join('');
    case 'placeholder':
      return `{{${node.ref}}}`;
  }
}

/**
 * The offset of the node at `path` (object keys and array indexes), or of the deepest node on the
 * way there (a placeholder that produced a whole subtree, for instance).
 */
export function offsetAt(root: JsonNode, path: readonly PropertyKey[]): number {
  let node = root;
  for (const segment of path) {
    let next: JsonNode | undefined;
    if (node.kind === 'object') next = [...node.entries].reverse().find((entry) => entry.key === segment)?.value;
    else if (node.kind === 'array' && typeof segment === 'number') next = node.items[segment];
    if (!next) break;
    node = next;
  }
  return node.offset;
}

/** Line and column (both from 1) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
