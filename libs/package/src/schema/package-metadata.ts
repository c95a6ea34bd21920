import { valid } from 'semver';
import { z } from 'zod';

/** Package names: what `<name>-<version>.tgz` and repository entries are keyed by. */
export const PACKAGE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

const maintainer = z.strictObject({
  name: z.string().min(1),
  email: z.string().optional(),
  url: z.string().optional(),
});

/**
 * `package.json`: the package's identity and store metadata, shaped like Helm's Chart.yaml.
 * `version` is a semantic version; `apiVersion` is `v1` (OpenPitrix writes `api_version`).
 */
export const packageMetadataSchema = z.strictObject({
  apiVersion: z.literal('v1').default('v1'),
  name: z.string().refine((name) => PACKAGE_NAME_PATTERN.test(name), {
    message: 'is not a valid package name',
    params: { code: 'package.invalid_name', expected: 'lower-case letters, digits and dashes, 2 to 63 characters, starting with a letter' },
  }),
  version: z.string().refine((version) => valid(version) === version, {
    message: 'is not a semantic version',
    params: { code: 'package.invalid_version', expected: 'a semantic version such as 1.2.0' },
  }),
  appVersion: z.string().min(1).max(64).optional(),
  description: z.string().max(2000).optional(),
  home: z.string().optional(),
  icon: z.string().optional(),
  screenshots: z.array(z.string()).max(6).optional(),
  keywords: z.array(z.string().min(1)).optional(),
  maintainers: z.array(maintainer).optional(),
  sources: z.array(z.string()).optional(),
});

/** The validated content of `package.json`. */
export type PackageMetadata = z.infer<typeof packageMetadataSchema>;
