import { FILES_DIR, findFile, isExecutable, type PackageFiles } from '../files.js';
import { error, type PackageProblem } from '../problems.js';
import type { BlueprintTemplate } from '../render/template.js';
import { toCamelCase } from '../schema/keys.js';
import { locate } from '../schema/validate.js';

/** Fields of the blueprint that hold a shell command run on a node. */
const COMMAND_FIELDS = new Set(['cmd', 'preCheck', 'checkCmd', 'actionCmd', 'reloadCmd']);
// `$PITRIX_DATA_DIR/app/<path>` is where `files/<path>` lands on every node (contracts §5).
const DELIVERED_FILE = /\$\{?PITRIX_DATA_DIR\}?\/app\/([A-Za-z0-9._/-]+)/g;

type Report = (path: PropertyKey[], code: string, message: string, found?: unknown) => void;

/**
 * Checks what a rendered blueprint says about the package's own files: every config template's
 * source exists, and every command that calls `$PITRIX_DATA_DIR/app/<path>` finds `files/<path>`,
 * executable when the command runs it directly. Works on the rendered value as written (snake or
 * camel case, valid or not), so lint can report these next to schema problems.
 */
export function checkBlueprintFiles(rendered: unknown, template: BlueprintTemplate, files: PackageFiles): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const report: Report = (path, code, message, found) => {
    const at = locate({ file: template.file, tree: template.tree, text: template.text }, rendered, path);
    problems.push(error(template.file, at.path, code, `${at.where}${message}`, found === undefined ? {} : { found }));
  };
  // One problem per file, at the first command that uses it: the fix is the same for all of them.
  const reported = new Set<string>();
  visit(rendered, [], (path, key, value) => {
    if (key === 'source' && path.length >= 3 && toCamelCase(String(path[path.length - 3])) === 'configTemplates') checkSource([...path], value, files, report);
    else if (COMMAND_FIELDS.has(key) && value.includes('PITRIX_DATA_DIR')) checkCommand([...path], value, files, reported, report);
  });
  return problems;
}

function checkSource(path: PropertyKey[], source: string, files: PackageFiles, report: Report): void {
  if (!findFile(files, source)) report(path, 'template_file.missing', `config template source ${source} is not in the package`, source);
}

function checkCommand(path: PropertyKey[], command: string, files: PackageFiles, reported: Set<string>, report: Report): void {
  for (const match of command.matchAll(DELIVERED_FILE)) {
    const relative = (match[1] as string).replace(/[.]+$/, '');
    if (reported.has(relative)) continue;
    const file = findFile(files, `${FILES_DIR}${relative}`);
    if (!file) report(path, 'hook.missing_file', `runs $PITRIX_DATA_DIR/app/${relative}, but the package has no ${FILES_DIR}${relative}`, command);
    else if (command.trimStart().startsWith(match[0]) && !isExecutable(file.mode)) {
      report(path, 'hook.not_executable', `runs ${FILES_DIR}${relative} directly, but the file is not executable (chmod +x)`, command);
    } else continue;
    reported.add(relative);
  }
}

/**
 * Calls `onString` for every string value with its path (a shared stack: copy it to keep it) and
 * its key read as camelCase; skips data maps.
 */
function visit(value: unknown, path: PropertyKey[], onString: (path: readonly PropertyKey[], key: string, value: string) => void): void {
  if (path.length > 64) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      path.push(index);
      visit(item, path, onString);
      path.pop();
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const name = toCamelCase(key);
      path.push(key);
      if (typeof item === 'string') onString(path, name, item);
      else if (name !== 'env' && name !== 'serviceParams') visit(item, path, onString);
      path.pop();
    }
  }
}
