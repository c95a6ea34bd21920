import type { z } from 'zod';

/** A key that appears twice once snake_case is read as camelCase (`mount_point` and `mountPoint`). */
export interface KeyConflict {
  readonly path: PropertyKey[];
  readonly keys: readonly string[];
}

type AnySchema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  catchall?: AnySchema;
  valueType?: AnySchema;
  element?: AnySchema;
  innerType?: AnySchema;
  getter?: () => AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
}

const keyAliases = new WeakMap<AnySchema, Readonly<Record<string, string>>>();

/**
 * Gives a schema's keys spelling aliases: a service written `scaleOut` is the built-in
 * `scale_out`; AppCenter's `vxnet` is `subnet`. Returns the same schema.
 */
export function withKeyAliases<S extends AnySchema>(schema: S, aliases: Readonly<Record<string, string>>): S {
  keyAliases.set(schema, aliases);
  return schema;
}

const camelCache = new Map<string, string>();

/** `mount_point` → `mountPoint`; a key without underscores is returned unchanged. */
export function toCamelCase(key: string): string {
  if (!key.includes('_')) return key;
  let camel = camelCache.get(key);
  if (camel === undefined) {
    camel = key.replace(/_+([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
    // Keys are mostly the format's own field names; the cap keeps hostile input from growing it.
    if (camelCache.size < 10_000) camelCache.set(key, camel);
  }
  return camel;
}

const shapes = new WeakMap<AnySchema, ReadonlyMap<string, AnySchema>>();

/** An object schema's fields, read once: recursive schemas build a field in a getter on every read. */
function shapeOf(schema: AnySchema, def: Def): ReadonlyMap<string, AnySchema> {
  let shape = shapes.get(schema);
  if (!shape) {
    const fields = def.shape as Record<string, AnySchema>;
    shape = new Map(Object.keys(fields).map((key) => [key, fields[key] as AnySchema]));
    shapes.set(schema, shape);
  }
  return shape;
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers (optional, default, lazy, pipe...) down to the schema that decides the shape. */
function unwrap(schema: AnySchema): AnySchema {
  for (let current = schema, depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    const inner = def.innerType ?? def.getter?.() ?? def.in;
    if (!inner) return current;
    current = inner;
  }
  return schema;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Renames the keys of `value` that the schema declares in camelCase but that were written in
 * snake_case, recursively, guided by the schema itself. Keys of maps (`env`, `endpoints`,
 * `links`, config keys) are data and are never renamed; unknown keys are kept as written so the
 * schema reports them as the author spelled them.
 */
export function normaliseKeys(schema: AnySchema, value: unknown, conflicts: KeyConflict[] = [], path: PropertyKey[] = []): unknown {
  const target = unwrap(schema);
  const def = defOf(target);
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    return value.map((item, index) => within(path, index, () => normaliseKeys(def.element as AnySchema, item, conflicts, path)));
  }
  if (!isPlainObject(value)) return value;
  if (def.type === 'record' && def.valueType) return normaliseMap(target, def.valueType, value, conflicts, path);
  if (def.type === 'object' && def.shape) return normaliseObject(target, def, value, conflicts, path);
  if (def.type === 'union' && def.options) {
    const objectOption = def.options.find((option) => defOf(unwrap(option)).type === 'object');
    return objectOption ? normaliseKeys(objectOption, value, conflicts, path) : value;
  }
  return value;
}

function normaliseMap(schema: AnySchema, valueType: AnySchema, value: Record<string, unknown>, conflicts: KeyConflict[], path: PropertyKey[]) {
  const aliases = keyAliases.get(schema) ?? {};
  const entries: [string, unknown][] = [];
  const origins = new Map<string, string>();
  for (const [key, item] of Object.entries(value)) {
    const name = Object.hasOwn(aliases, key) ? (aliases[key] as string) : key;
    noteConflict(origins, name, key, conflicts, path);
    entries.push([name, within(path, name, () => normaliseKeys(valueType, item, conflicts, path))]);
  }
  return Object.fromEntries(entries);
}

function normaliseObject(schema: AnySchema, def: Def, value: Record<string, unknown>, conflicts: KeyConflict[], path: PropertyKey[]) {
  const shape = shapeOf(schema, def);
  const aliases = keyAliases.get(schema) ?? {};
  const catchall = def.catchall && !['never', 'unknown', 'any'].includes(defOf(def.catchall).type) ? def.catchall : undefined;
  const entries: [string, unknown][] = [];
  const origins = new Map<string, string>();
  for (const [key, item] of Object.entries(value)) {
    const camel = Object.hasOwn(aliases, key) ? (aliases[key] as string) : toCamelCase(key);
    const name = shape.has(key) ? key : shape.has(camel) ? camel : key;
    noteConflict(origins, name, key, conflicts, path);
    const child = shape.get(name) ?? catchall;
    entries.push([name, child ? within(path, name, () => normaliseKeys(child, item, conflicts, path)) : item]);
  }
  return Object.fromEntries(entries);
}

/** Runs `work` with `segment` pushed on the shared path stack (no array copied per node). */
function within<T>(path: PropertyKey[], segment: PropertyKey, work: () => T): T {
  path.push(segment);
  try {
    return work();
  } finally {
    path.pop();
  }
}

function noteConflict(origins: Map<string, string>, name: string, key: string, conflicts: KeyConflict[], path: PropertyKey[]): void {
  const previous = origins.get(name);
  if (previous !== undefined) conflicts.push({ path: [...path, name], keys: [previous, key] });
  else origins.set(name, key);
}

/**
 * Maps a path in the normalised value back to the keys the author wrote (`nodesToExecuteOn` →
 * `nodes_to_execute_on`), walking the original value.
 */
export function originalPath(original: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const out: PropertyKey[] = [];
  let current = original;
  for (const segment of path) {
    if (typeof segment === 'string' && isPlainObject(current)) {
      const written = Object.hasOwn(current, segment) ? segment : Object.keys(current).find((key) => toCamelCase(key) === segment);
      out.push(written ?? segment);
      current = written === undefined ? undefined : current[written];
    } else {
      out.push(segment);
      current = Array.isArray(current) && typeof segment === 'number' ? current[segment] : undefined;
    }
  }
  return out;
}
