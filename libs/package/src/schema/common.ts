import { z } from 'zod';

/** A shell command run by the drone with `/bin/sh -c`; AppCenter's limit of 1,000 characters. */
export const command = z.string().min(1).max(1000);

/** A TCP or UDP port. */
export const portNumber = z.number().int().min(1).max(65535);

/** A scalar environment value; the metadata view publishes it as text. */
export const envValue = z.union([z.string(), z.number(), z.boolean()]);

/** `env` maps: keys are the application's own parameter names and are never renamed. */
export const envMap = z.record(z.string().min(1), envValue);

/** A package-relative path: forward slashes, no leading slash, no `.` or `..` segment. */
export const relativePath = z
  .string()
  .min(1)
  .max(255)
  .refine((path) => isSafeRelativePath(path), {
    message: 'is not a path inside the package',
    params: { code: 'path.unsafe', expected: 'a relative path such as templates/app.conf.hbs' },
  });

/** True when `path` stays inside the folder it is relative to. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  if (/^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Cluster- or role-level actions the UI offers (AppCenter and OpenPitrix names). */
export const advancedAction = z.enum(['change_subnet', 'change_vxnet', 'scale_horizontal', 'add_nodes', 'associate_eip']);

/** Adds an issue carrying a lint code, so every rule reports `{ code, path, expected, found }`. */
export function addRuleIssue(
  ctx: z.core.$RefinementCtx,
  detail: { code: string; message: string; path: PropertyKey[]; expected?: string; found?: unknown },
): void {
  ctx.addIssue({
    code: 'custom',
    message: detail.message,
    path: detail.path as (string | number)[],
    input: detail.found,
    params: { code: detail.code, expected: detail.expected },
  });
}
