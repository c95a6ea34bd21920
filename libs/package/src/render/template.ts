import { lineColumn, type JsonNode } from '../json/ast.js';
import { readJsonFile } from '../json/read-json.js';
import { error, type PackageProblem } from '../problems.js';
import { evaluate, type RenderIssue } from './evaluate.js';

/** A parsed blueprint template, ready to render many times. */
export interface BlueprintTemplate {
  readonly file: string;
  readonly text: string;
  readonly tree: JsonNode;
}

/**
 * Parses a blueprint template once: JSON whose values may be unquoted `{{ref}}` (AppCenter),
 * quoted `"{{.ref}}"` (OpenPitrix) or strings with `{{ref}}` inside. Template logic (`if`,
 * `range`, pipelines) is rejected: rendering never executes anything.
 */
export function compileTemplate(file: string, bytes: Uint8Array): { template?: BlueprintTemplate; problems: PackageProblem[] } {
  const read = readJsonFile(file, bytes, { placeholders: true });
  if (!read.tree || read.text === undefined) return { problems: read.problems };
  return { template: { file, text: read.text, tree: read.tree }, problems: read.problems };
}

/**
 * Renders the template with merged values into a plain value tree, reporting every unknown
 * reference; `offsets` are where the failed placeholders were written.
 */
export function renderTemplate(template: BlueprintTemplate, values: unknown): { value: unknown; problems: PackageProblem[]; offsets: number[] } {
  const issues: RenderIssue[] = [];
  const value = evaluate(template.tree, values, issues);
  const problems = issues.map((issue) => {
    const { line, column } = lineColumn(template.text, issue.offset);
    return error(template.file, issue.ref, issue.code, `line ${line}, column ${column}: ${issue.message}`, { found: `{{${issue.ref}}}` });
  });
  return { value, problems, offsets: issues.map((issue) => issue.offset) };
}

/** Every reference the template uses, with its offset (for lint and documentation tools). */
export function templateReferences(template: BlueprintTemplate): { ref: string; offset: number }[] {
  const refs: { ref: string; offset: number }[] = [];
  const visit = (node: JsonNode): void => {
    if (node.kind === 'object') node.entries.forEach((entry) => visit(entry.value));
    else if (node.kind === 'array') node.items.forEach(visit);
    else if (node.kind === 'placeholder') refs.push({ ref: node.ref, offset: node.offset });
    else if (node.kind === 'text') node.parts.forEach((part) => typeof part !== 'string' && refs.push(part));
  };
  visit(template.tree);
  return refs;
}
