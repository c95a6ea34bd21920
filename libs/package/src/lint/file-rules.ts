import { FILES_DIR, FILES_DIR_LIMITS, type PackageFiles } from '../files.js';
import { readJsonFile } from '../json/read-json.js';
import { error, warning, type PackageProblem } from '../problems.js';
import { isSafeRelativePath } from '../schema/common.js';

/**
 * Rules on the list of files itself: every path stays inside the package and appears once, the
 * `files/` folder keeps to its limits, locale files are flat string maps, and a README exists.
 */
export function checkFiles(files: PackageFiles): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const seen = new Set<string>();
  let delivered = 0;
  for (const file of files) {
    if (!isSafeRelativePath(file.path)) problems.push(error(file.path, '$', 'files.unsafe_path', 'the path leaves the package folder or is not a plain relative path'));
    if (seen.has(file.path)) problems.push(error(file.path, '$', 'files.duplicate', 'the package contains this path more than once'));
    seen.add(file.path);
    if (file.path.startsWith(FILES_DIR)) {
      delivered += file.bytes.length;
      if (file.bytes.length > FILES_DIR_LIMITS.maxFileBytes) {
        problems.push(error(file.path, '$', 'files.too_large', 'a file delivered to nodes is too large', { expected: `<= ${FILES_DIR_LIMITS.maxFileBytes} bytes`, found: file.bytes.length }));
      }
    }
    if (/^locale\/[^/]+\.json$/.test(file.path)) problems.push(...checkLocale(file.path, file.bytes));
  }
  if (delivered > FILES_DIR_LIMITS.maxTotalBytes) {
    problems.push(error(FILES_DIR, '$', 'files.total_too_large', `the ${FILES_DIR} folder is too large`, { expected: `<= ${FILES_DIR_LIMITS.maxTotalBytes} bytes`, found: delivered }));
  }
  if (!seen.has('README.md')) problems.push(warning('README.md', '$', 'file.readme_missing', 'a README.md tells users what the package deploys'));
  return problems;
}

function checkLocale(path: string, bytes: Uint8Array): PackageProblem[] {
  const read = readJsonFile(path, bytes);
  if (read.value === undefined) return read.problems;
  const value = read.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [...read.problems, error(path, '$', 'locale.invalid', 'a locale file maps English strings to translations', { expected: 'an object', found: Array.isArray(value) ? 'a list' : value })];
  }
  const bad = Object.entries(value).filter(([, translation]) => typeof translation !== 'string');
  return [...read.problems, ...bad.map(([key, found]) => error(path, key, 'locale.invalid', 'a translation must be a string', { expected: 'a string', found }))];
}

