/**
 * One file of a package, as every loader yields it: a path relative to the package's top folder
 * (forward slashes, no `.` or `..` segments), its bytes and its permission bits.
 */
export interface PackageFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly mode: number;
}

/** The in-memory form of a package: the same list whether it came from a folder, a .tgz or the network. */
export type PackageFiles = readonly PackageFile[];

/** The three files every package must have, and where each lives. */
export const PACKAGE_JSON = 'package.json';
/** The typed parameter tree (see `configSchema`). */
export const CONFIG_JSON = 'config.json';
/** The blueprint template, OpenPitrix's name. */
export const CLUSTER_TEMPLATE = 'cluster.json.tmpl';
/** The blueprint template, AppCenter's name; accepted when `cluster.json.tmpl` is absent. */
export const CLUSTER_TEMPLATE_APPCENTER = 'cluster.json.mustache';
/** Folder whose files are delivered to every node at `$PITRIX_DATA_DIR/app/<path>`. */
export const FILES_DIR = 'files/';

/**
 * Limits on the `files/` folder (docs/contracts.md §5): they travel in the cluster's metadata, so
 * they are part of the format, not a loader setting.
 */
export const FILES_DIR_LIMITS = { maxFileBytes: 256 * 1024, maxTotalBytes: 4 * 1024 * 1024 } as const;

/** True when the permission bits let someone execute the file. */
export function isExecutable(mode: number): boolean {
  return (mode & 0o111) !== 0;
}

/** Finds a file by its exact path, or undefined. */
export function findFile(files: PackageFiles, path: string): PackageFile | undefined {
  return files.find((file) => file.path === path);
}

/** The path of the blueprint template in this package, or undefined when there is none. */
export function templatePath(files: PackageFiles): string | undefined {
  if (findFile(files, CLUSTER_TEMPLATE)) return CLUSTER_TEMPLATE;
  return findFile(files, CLUSTER_TEMPLATE_APPCENTER) ? CLUSTER_TEMPLATE_APPCENTER : undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 text (a leading BOM is dropped); undefined when the bytes are not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Encodes text as UTF-8 bytes. */
export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
