import { invalidValue, missingParameter } from './faults.js';

/** A filter of a Describe* call: `Filter.N.Name` and its `Filter.N.Value.M` values. */
export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

/** A tag as EC2 sends and receives it. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/**
 * The parameters of one Query-protocol request. EC2 flattens lists as `Name.1`, `Name.2`, ... and
 * structures as `Name.N.Member`; these methods read them back (the EC2 Query API "query
 * parameters" convention). Parameter names are case-sensitive, as in EC2.
 */
export class QueryParams {
  constructor(private readonly entries: ReadonlyMap<string, string>) {}

  /** Parses a form-encoded body (or query string). */
  static parse(text: string): QueryParams {
    return new QueryParams(new Map(new URLSearchParams(text)));
  }

  /** The value of a parameter, or undefined. */
  get(name: string): string | undefined {
    return this.entries.get(name);
  }

  /** The value of a parameter that must be present (`MissingParameter` otherwise). */
  required(name: string): string {
    const value = this.entries.get(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  /** An integer parameter (`InvalidParameterValue` when it is not one). */
  int(name: string): number | undefined {
    const value = this.entries.get(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidValue(`Parameter ${name} must be an integer, not ${value}`);
    return Number(value);
  }

  /** A boolean parameter (`true`/`false`). */
  bool(name: string): boolean | undefined {
    const value = this.entries.get(name);
    return value === undefined ? undefined : value === 'true';
  }

  /** The values of a flattened list `name.1`, `name.2`, ... in index order. */
  list(name: string): string[] {
    return this.indexed(name).map(([, key]) => this.entries.get(key) as string);
  }

  /** The members of a flattened list of structures `name.N.*`, each as its own parameters. */
  structs(name: string): QueryParams[] {
    const groups = new Map<number, Map<string, string>>();
    const pattern = new RegExp(`^${escape(name)}\\.(\\d+)\\.(.+)$`);
    for (const [key, value] of this.entries) {
      const match = pattern.exec(key);
      if (!match) continue;
      const index = Number(match[1]);
      if (!groups.has(index)) groups.set(index, new Map());
      groups.get(index)?.set(match[2] as string, value);
    }
    return [...groups.entries()].sort(([a], [b]) => a - b).map(([, entries]) => new QueryParams(entries));
  }

  /** The `Filter.N` parameters of a Describe* call. */
  filters(): Filter[] {
    return this.structs('Filter').map((filter) => ({ name: filter.required('Name'), values: filter.list('Value') }));
  }

  /** The tags of `TagSpecification.N` entries for one resource type. */
  tagsFor(resourceType: string): Tag[] {
    return this.structs('TagSpecification')
      .filter((spec) => spec.get('ResourceType') === resourceType)
      .flatMap((spec) => spec.tags());
  }

  /** The `Tag.N.Key` / `Tag.N.Value` pairs. */
  tags(): Tag[] {
    return this.structs('Tag').map((tag) => ({ key: tag.required('Key'), value: tag.get('Value') ?? '' }));
  }

  /** Every parameter except the named ones, sorted: what "the same request" means for idempotency. */
  fingerprint(exclude: readonly string[]): string {
    return JSON.stringify([...this.entries].filter(([key]) => !exclude.includes(key)).sort(([a], [b]) => a.localeCompare(b)));
  }

  private indexed(name: string): Array<[number, string]> {
    const pattern = new RegExp(`^${escape(name)}\\.(\\d+)$`);
    return [...this.entries.keys()]
      .map((key): [number, string] | undefined => {
        const match = pattern.exec(key);
        return match ? [Number(match[1]), key] : undefined;
      })
      .filter((entry): entry is [number, string] => entry !== undefined)
      .sort(([a], [b]) => a - b);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
