import { PitrixError } from '@pitrix/errors';
import { parseDocument, stringify } from 'yaml';
import { error } from '../problems.js';
import { toCamelCase } from '../schema/keys.js';
import { validateDocument } from '../schema/validate.js';
import { repoIndexSchema, type RepoIndex, type RepoIndexEntry } from './schema.js';

const INDEX_FILE = 'index.yaml';
const ENTRY_ORDER = ['name', 'version', 'appVersion', 'description', 'home', 'icon', 'keywords', 'maintainers', 'sources', 'screenshots', 'urls', 'created', 'digest', 'removed', 'deprecated'];

/**
 * Writes an index in OpenPitrix's format: `api_version`, `entries` (each version's fields in
 * snake_case, as OpenPitrix's Go structs read them) and `generated`. Same index, same text.
 */
export function serializeRepoIndex(index: RepoIndex): string {
  const entries = Object.fromEntries(Object.entries(index.entries).map(([name, versions]) => [name, versions.map(snakeEntry)]));
  const document = { api_version: index.apiVersion, entries, generated: index.generated };
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

function snakeEntry(entry: RepoIndexEntry): Record<string, unknown> {
  const record = entry as Record<string, unknown>;
  const keys = Object.keys(record).sort((a, b) => ENTRY_ORDER.indexOf(a) - ENTRY_ORDER.indexOf(b));
  return Object.fromEntries(keys.map((key) => [key.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`), record[key]]));
}

/**
 * Reads an index.yaml written by Pitrix, OpenPitrix (`api_version`) or Helm (`apiVersion`).
 * Throws `PACKAGE.INDEX_INVALID` with every problem when it is not a valid index.
 */
export function parseRepoIndex(text: string): RepoIndex {
  // The failsafe schema reads every scalar as text: a version `1.10` or an all-digit digest must
  // not turn into a number.
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, schema: 'failsafe' });
  if (document.errors.length > 0) {
    throw new PitrixError('PACKAGE.INDEX_INVALID', 'index.yaml is not valid YAML', document.errors.map((err) => syntaxProblem(err.message)));
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // The YAML library refuses alias bombs (an alias expanding to millions of nodes) here.
    throw new PitrixError('PACKAGE.INDEX_INVALID', 'index.yaml is not valid YAML', [syntaxProblem(err instanceof Error ? err.message : String(err))]);
  }
  const format = typeof raw === 'object' && raw !== null && 'api_version' in raw ? 'openpitrix' : 'helm';
  const validated = validateDocument(repoIndexSchema, camelise(raw), { file: INDEX_FILE });
  if (!validated.value) throw new PitrixError('PACKAGE.INDEX_INVALID', `index.yaml is not a valid ${format} index`, validated.problems);
  const entries = Object.fromEntries(Object.entries(validated.value.entries).map(([name, versions]) => [name, versions]));
  return { format, apiVersion: validated.value.apiVersion, generated: validated.value.generated, entries };
}

function syntaxProblem(message: string) {
  return error(INDEX_FILE, '$', 'index.yaml_syntax', message.split('\n')[0] ?? message);
}

// Index entries carry foreign fields (Helm's `dependencies`, `annotations`) that the schema drops,
// so keys are renamed generically here instead of by the (non-strict) schema.
function camelise(value: unknown, depth = 0): unknown {
  if (depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => camelise(item, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const keepKeys = depth === 1;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [keepKeys ? key : toCamelCase(key), camelise(item, depth + 1)]));
}
