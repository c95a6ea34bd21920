import type { JsonNode, ObjectEntry, Placeholder } from './ast.js';
import { parseReference, PlaceholderSyntaxError, splitPlaceholders } from './placeholders.js';

/** How to parse: plain JSON, or a blueprint template whose values may be placeholders. */
export interface ParseOptions {
  readonly placeholders: boolean;
}

/** The outcome of a parse: the tree and any duplicate keys, or the first syntax error. */
export type ParseResult =
  | { readonly ok: true; readonly root: JsonNode; readonly duplicateKeys: readonly { path: PropertyKey[]; offset: number }[] }
  | { readonly ok: false; readonly offset: number; readonly message: string };

// Deep enough for any real document, shallow enough that hostile input cannot exhaust the stack.
const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses JSON text into a tree that remembers where each value starts. With `placeholders`, a
 * value may also be an unquoted `{{ref}}` (AppCenter) and strings may contain `{{ref}}` or
 * `{{.ref}}` (OpenPitrix). Never throws: a syntax error is returned with its offset.
 */
export function parseJsonTree(text: string, options: ParseOptions): ParseResult {
  const parser = new Parser(text, options.placeholders);
  try {
    const root = parser.document();
    return { ok: true, root, duplicateKeys: parser.duplicateKeys };
  } catch (err) {
    if (err instanceof SyntaxFailure || err instanceof PlaceholderSyntaxError) return { ok: false, offset: err.offset, message: err.message };
    throw err;
  }
}

class Parser {
  private index = 0;
  readonly duplicateKeys: { path: PropertyKey[]; offset: number }[] = [];
  private readonly path: PropertyKey[] = [];

  constructor(
    private readonly text: string,
    private readonly placeholders: boolean,
  ) {}

  document(): JsonNode {
    if (this.text.charCodeAt(0) === 0xfeff) this.index = 1;
    const root = this.value(0);
    this.skipSpace();
    if (this.index < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the document`);
    return root;
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.skipSpace();
    const offset = this.index;
    const char = this.text[this.index];
    if (char === '{' && this.text[this.index + 1] === '{' && this.placeholders) return this.placeholder();
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') return this.stringValue();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return { kind: 'literal', offset, value: this.number() };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length;
        return { kind: 'literal', offset, value };
      }
    }
    return this.fail(`expected a value, found ${this.describe()}`);
  }

  private object(depth: number): JsonNode {
    const offset = this.index++;
    const entries: ObjectEntry[] = [];
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index++;
      return { kind: 'object', offset, entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.index] !== '"') this.fail(`expected a quoted key, found ${this.describe()}`);
      const keyOffset = this.index;
      const key = this.string();
      if (seen.has(key)) this.duplicateKeys.push({ path: [...this.path, key], offset: keyOffset });
      seen.add(key);
      this.expect(':');
      this.path.push(key);
      entries.push({ key, keyOffset, value: this.value(depth + 1) });
      this.path.pop();
      if (this.separator('}')) return { kind: 'object', offset, entries };
    }
  }

  private array(depth: number): JsonNode {
    const offset = this.index++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index++;
      return { kind: 'array', offset, items };
    }
    for (;;) {
      this.path.push(items.length);
      items.push(this.value(depth + 1));
      this.path.pop();
      if (this.separator(']')) return { kind: 'array', offset, items };
    }
  }

  /** After a member: true at the closing bracket, false after a comma. */
  private separator(close: '}' | ']'): boolean {
    this.skipSpace();
    const char = this.text[this.index];
    this.index++;
    if (char === close) return true;
    if (char === ',') return false;
    this.index--;
    return this.fail(`expected "," or "${close}", found ${this.describe()}`);
  }

  private placeholder(): JsonNode {
    const offset = this.index;
    const close = this.text.indexOf('}}', offset + 2);
    if (close < 0) this.fail('unclosed placeholder: "{{" without "}}"');
    const placeholder: Placeholder = parseReference(this.text.slice(offset + 2, close), offset);
    this.index = close + 2;
    return { kind: 'placeholder', ...placeholder };
  }

  private stringValue(): JsonNode {
    const offset = this.index;
    const content = this.string();
    if (!this.placeholders || !content.includes('{{')) return { kind: 'literal', offset, value: content };
    const parts = splitPlaceholders(content, offset + 1);
    const only = parts[0];
    if (parts.length === 1 && only !== undefined && typeof only !== 'string') return { kind: 'placeholder', ...only };
    return { kind: 'text', offset, parts };
  }

  private string(): string {
    const start = ++this.index;
    let out = '';
    let chunkStart = start;
    for (;;) {
      const code = this.text.charCodeAt(this.index);
      if (Number.isNaN(code)) this.fail('unterminated string');
      if (code === 34) break;
      if (code < 0x20) this.fail('control character in a string (escape it, e.g. \\n)');
      if (code === 92) {
        out += this.text.slice(chunkStart, this.index) + this.escape();
        chunkStart = this.index;
      } else this.index++;
    }
    out += this.text.slice(chunkStart, this.index);
    this.index++;
    return out;
  }

  private escape(): string {
    const char = this.text[this.index + 1] ?? '';
    if (char === 'u') {
      const hex = this.text.slice(this.index + 2, this.index + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
      this.index += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const mapped = ESCAPES[char];
    if (mapped === undefined) this.fail(`invalid escape \\${char}`);
    this.index += 2;
    return mapped as string;
  }

  private number(): number {
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail(`invalid number at ${this.describe()}`);
    this.index += match[0].length;
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail(`number out of range: ${match[0]}`);
    return value;
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.index] !== char) this.fail(`expected "${char}", found ${this.describe()}`);
    this.index++;
  }

  private skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.index);
      if (code === 32 || code === 9 || code === 10 || code === 13) this.index++;
      else return;
    }
  }

  private describe(): string {
    if (this.index >= this.text.length) return 'the end of the text';
    return JSON.stringify(this.text.slice(this.index, this.index + 12));
  }

  private fail(message: string): never {
    throw new SyntaxFailure(message, this.index);
  }
}
