import { z } from 'zod';

const maintainer = z.object({ name: z.string().optional(), email: z.string().optional(), url: z.string().optional() });

/**
 * One package version in a repository index. Helm charts and Pitrix packages share these fields;
 * anything else an index carries (Helm's `dependencies`, `annotations`...) is not needed to
 * catalogue a version and is dropped.
 */
export const repoIndexEntrySchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  appVersion: z.string().optional(),
  description: z.string().optional(),
  home: z.string().optional(),
  icon: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  maintainers: z.array(maintainer).optional(),
  sources: z.array(z.string()).optional(),
  screenshots: z.array(z.string()).optional(),
  urls: z.array(z.string().min(1)).min(1),
  created: z.string().optional(),
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 digest in lower-case hex').optional(),
  removed: z.stringbool().optional(),
  deprecated: z.stringbool().optional(),
});

/** A version as listed in a repository index. */
export type RepoIndexEntry = z.infer<typeof repoIndexEntrySchema>;

/** The body of `index.yaml` in either format; keys are read in snake_case or camelCase. */
export const repoIndexSchema = z.object({
  apiVersion: z.literal('v1'),
  generated: z.string().optional(),
  entries: z.record(z.string().min(1), z.array(repoIndexEntrySchema)).default({}),
});

/** A repository index: which format it was written in, when, and every version, newest first per name. */
export interface RepoIndex {
  readonly format: 'openpitrix' | 'helm';
  readonly apiVersion: 'v1';
  readonly generated?: string;
  readonly entries: Readonly<Record<string, readonly RepoIndexEntry[]>>;
}
