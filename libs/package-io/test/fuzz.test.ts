import { gunzipSync, gzipSync } from 'node:zlib';
import { isPitrixError } from '@pitrix/errors';
import { createSkeleton, decodeText, encodeText, inspectPackage, lintPackage, renderBlueprint, type PackageFile } from '@pitrix/package';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPackageArchive, loadPackageFromBytes, loadPackageFromDirectory } from '../src/index.js';
import { FIXTURES, LIMITS } from './helpers.js';

/** mulberry32: a small seeded generator, so every run fuzzes the same cases and a crash replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const TOKENS = ['{{', '}}', '{{.cluster.name}}', '{{env}}', '"', ',', '[', ']', '{', '}', ':', 'null', '-1', '1e999', '"__proto__"', '\\u0000', '\u0000', '\ud800', '[[[[[[[[[[', '"{{#each x}}"', '0.1e-7', 'true', '""', '  '];
const VALUES: unknown[] = [null, -1, 0, 1.5, 2 ** 53, 'x', '', '{{cluster.name}}', '"}]', [], [1, 'a'], {}, { cmd: 'x' }, true, 'ssh-rsa', 86_401, 'custom', '../../etc/passwd'];

function mutateText(rng: Rng, text: string): string {
  const at = Math.floor(rng() * (text.length + 1));
  switch (Math.floor(rng() * 5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + pick(rng, TOKENS) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * 20));
    case 3:
      return text.slice(0, at) + text.slice(Math.max(0, at - 30), at) + text.slice(at);
    default:
      return text.slice(0, at) + String.fromCharCode(Math.floor(rng() * 0x10000)) + text.slice(at + 1);
  }
}

/** Replaces, removes or adds one value somewhere in a JSON document, to get past the parser into the rules. */
function mutateJson(rng: Rng, value: unknown, depth = 0): unknown {
  if (Array.isArray(value) && value.length > 0 && rng() < 0.8) {
    const copy = [...value];
    const index = Math.floor(rng() * copy.length);
    copy[index] = mutateJson(rng, copy[index], depth + 1);
    return copy;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && rng() < 0.85) {
    const entries = Object.entries(value);
    const roll = rng();
    if (roll < 0.1 || entries.length === 0) return { ...value, [pick(rng, ['extra', 'type', 'cmd', 'nodes', 'order', 'range', 'default'])]: pick(rng, VALUES) };
    const index = Math.floor(rng() * entries.length);
    if (roll < 0.2) return Object.fromEntries(entries.filter((_, i) => i !== index));
    const [key, child] = entries[index] as [string, unknown];
    return Object.fromEntries(entries.map(([k, v]) => (k === key ? [k, mutateJson(rng, child, depth + 1)] : [k, v])));
  }
  return pick(rng, VALUES);
}

function mutatePackage(rng: Rng, files: readonly PackageFile[]): PackageFile[] {
  const roll = rng();
  if (roll < 0.05) return files.filter((file) => file !== pick(rng, files));
  if (roll < 0.08) return [...files, { path: pick(rng, ['../x', '/abs', 'files/../../x', 'a//b', 'files/big']), bytes: new Uint8Array(Math.floor(rng() * 300_000)), mode: 0o755 }];
  const target = pick(rng, files);
  const text = decodeText(target.bytes) ?? '';
  let mutated: string;
  if (roll < 0.55 && target.path.endsWith('.json')) mutated = JSON.stringify(mutateJson(rng, JSON.parse(text)));
  else mutated = mutateText(rng, text);
  return files.map((file) => (file === target ? { ...file, bytes: encodeText(mutated), mode: rng() < 0.05 ? 0o644 : file.mode } : file));
}

function mutateBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const roll = rng();
  if (roll < 0.2) return copy.subarray(0, Math.floor(rng() * copy.length));
  if (roll < 0.3) return Uint8Array.from({ length: Math.floor(rng() * 2000) }, () => Math.floor(rng() * 256));
  for (let i = 0, n = 1 + Math.floor(rng() * 8); i < n; i++) copy[Math.floor(rng() * copy.length)] = Math.floor(rng() * 256);
  return copy;
}

/** Runs one case: anything thrown must be a PitrixError; any other exception is a crash. */
async function survive(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    return isPitrixError(err) ? undefined : String((err as Error)?.stack ?? err);
  }
}

const FILE_CASES = 7_000;
const ARCHIVE_CASES = 3_000;
let bases: PackageFile[][] = [];
let archives: Uint8Array[] = [];

beforeAll(async () => {
  const fixtures = ['valid-appcenter-dialect', 'valid-openpitrix-dialect', 'values-rules', 'render-json-injection'];
  bases = [...(await Promise.all(fixtures.map((name) => loadPackageFromDirectory(`${FIXTURES}/${name}`, LIMITS)))), createSkeleton('fuzz-web')];
  archives = bases.map((files) => buildPackageArchive(files, { name: 'fuzz', version: '1.0.0' }).bytes);
});

describe('fuzzing', () => {
  it('malformed packages and archives produce problems or PitrixErrors, never a crash', async () => {
    const rng = random(0x5eed);
    const crashes: string[] = [];
    for (let i = 0; i < FILE_CASES; i++) {
      const files = mutatePackage(rng, pick(rng, bases));
      const crash = await survive(() => {
        const { model, problems } = inspectPackage(files);
        if (!Array.isArray(problems)) throw new Error('lint did not return a list of problems');
        if (model) renderBlueprint(model, mutateJson(rng, { cluster: {}, env: {} }));
      });
      if (crash) crashes.push(`file case ${i}: ${crash}`);
    }
    for (let i = 0; i < ARCHIVE_CASES; i++) {
      const archive = pick(rng, archives);
      // Half the cases damage the gzip stream; the other half damage the tar inside a valid one.
      const bytes = rng() < 0.5 ? mutateBytes(rng, archive) : new Uint8Array(gzipSync(mutateBytes(rng, gunzipSync(archive)), { level: 1 }));
      const crash = await survive(async () => lintPackage(await loadPackageFromBytes(bytes, LIMITS)));
      if (crash) crashes.push(`archive case ${i}: ${crash}`);
    }
    console.log(`fuzz: ${FILE_CASES + ARCHIVE_CASES} malformed packages, ${crashes.length} crashes`);
    expect(crashes.slice(0, 3)).toEqual([]);
  }, 120_000);
});
