import { decodeText } from '../files.js';
import { error, type PackageProblem } from '../problems.js';
import { formatPath } from '../json-path.js';
import { lineColumn, toPlainValue, type JsonNode } from './ast.js';
import { parseJsonTree } from './parser.js';

/** A JSON file read for validation: its value and tree (absent on a syntax error) and its problems. */
export interface ReadJson {
  readonly value?: unknown;
  readonly tree?: JsonNode;
  readonly text?: string;
  readonly problems: PackageProblem[];
}

/**
 * Decodes and parses one JSON file of a package. Invalid UTF-8, a syntax error (with line and
 * column) and every duplicate key are reported as problems of `file`; nothing throws.
 */
export function readJsonFile(file: string, bytes: Uint8Array, options: { placeholders?: boolean } = {}): ReadJson {
  const text = decodeText(bytes);
  if (text === undefined) return { problems: [error(file, '$', 'file.encoding', 'is not valid UTF-8 text')] };
  const parsed = parseJsonTree(text, { placeholders: options.placeholders ?? false });
  if (!parsed.ok) {
    const { line, column } = lineColumn(text, parsed.offset);
    return { text, problems: [error(file, '$', options.placeholders ? 'template.syntax' : 'json.syntax', `line ${line}, column ${column}: ${parsed.message}`)] };
  }
  const problems = parsed.duplicateKeys.map((dup) => {
    const { line, column } = lineColumn(text, dup.offset);
    return error(file, formatPath(dup.path), 'json.duplicate_key', `line ${line}, column ${column}: the key appears more than once`);
  });
  return { text, tree: parsed.root, value: options.placeholders ? undefined : toPlainValue(parsed.root), problems };
}
