// The ambient declaration must reach every program that compiles this file (consumers included).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../handlebars-parser.d.ts" />
import { parse } from 'handlebars/dist/cjs/handlebars/compiler/base.js';
import { decodeText, findFile, type PackageFiles } from '../files.js';
import { error, type PackageProblem } from '../problems.js';

// Config templates are rendered by the drone with Handlebars' built-in helpers only (contracts §3).
const BUILTIN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

interface HbsNode {
  readonly type?: string;
  readonly path?: { readonly original?: unknown };
  readonly params?: readonly unknown[];
  readonly hash?: { readonly pairs?: readonly unknown[] };
  readonly loc?: { readonly start?: { readonly line?: number; readonly column?: number } };
}

/**
 * Parses each config template source with Handlebars and reports syntax errors with their line,
 * helpers that are not built in, and partials or decorators, which the drone does not provide.
 */
export function checkConfigTemplates(files: PackageFiles, sources: Iterable<string>): PackageProblem[] {
  const problems: PackageProblem[] = [];
  for (const source of new Set(sources)) {
    const file = findFile(files, source);
    if (!file) continue;
    const text = decodeText(file.bytes);
    if (text === undefined) {
      problems.push(error(source, '$', 'file.encoding', 'is not valid UTF-8 text'));
      continue;
    }
    let program: unknown;
    try {
      program = parse(text);
    } catch (err) {
      problems.push(error(source, '$', 'template_file.syntax', describeParseError(err)));
      continue;
    }
    visit(program, (node) => problems.push(...checkNode(source, node)));
  }
  return problems;
}

function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const line = (err as { lineNumber?: number }).lineNumber;
  const oneLine = message.replace(/\n[\s\S]*$/, '').trim();
  return line === undefined ? oneLine : `line ${line}: ${oneLine}`;
}

function checkNode(source: string, node: HbsNode): PackageProblem[] {
  const line = node.loc?.start?.line;
  const at = line === undefined ? '' : `line ${line}: `;
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
    return [error(source, '$', 'template_file.partial', `${at}partials are not available to config templates`)];
  }
  if (node.type === 'Decorator' || node.type === 'DecoratorBlock') {
    return [error(source, '$', 'template_file.decorator', `${at}decorators are not available to config templates`)];
  }
  const isCall = node.type === 'SubExpression' || ((node.type === 'MustacheStatement' || node.type === 'BlockStatement') && ((node.params?.length ?? 0) > 0 || (node.hash?.pairs?.length ?? 0) > 0));
  const name = node.path?.original;
  if (isCall && typeof name === 'string' && !BUILTIN_HELPERS.has(name)) {
    return [error(source, '$', 'template_file.unknown_helper', `${at}helper "${name}" is not built in (use ${[...BUILTIN_HELPERS].join(', ')})`, { found: name })];
  }
  return [];
}

function visit(value: unknown, onNode: (node: HbsNode) => void, depth = 0): void {
  if (depth > 200 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item) => visit(item, onNode, depth + 1));
    return;
  }
  const node = value as HbsNode & Record<string, unknown>;
  if (typeof node.type === 'string') onNode(node);
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') visit(child, onNode, depth + 1);
}
