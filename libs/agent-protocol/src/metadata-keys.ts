import { PitrixError } from '@pitrix/errors';
import { assertToken } from './identifiers.js';

/**
 * The key layout of a network's metadata bucket (one bucket per frontgate, in its JetStream
 * domain). Every key of a cluster is under `clusters.<clusterId>.`, so deleting a cluster is
 * deleting one prefix and a drone finds its cluster's keys by prefix.
 */
export const METADATA_BUCKET = 'pitrix_metadata';

/** Bucket of the drones registered with a frontgate (public keys); drones cannot read it. */
export const AGENTS_BUCKET = 'pitrix_agents';

/** Token that stands for the empty role of a role-less application. */
export const ROLELESS = '_';

/** Sections of a cluster's metadata that hold one document per node. */
export type HostSection = 'hosts' | 'adding-hosts' | 'deleting-hosts';

/** Key of a role token: the role, or `_` for the role-less application. */
export function roleToken(role: string): string {
  return role === '' ? ROLELESS : assertToken('role', role);
}

/** Builds the keys of cluster `clusterId`. */
export function metadataKeys(clusterId: string) {
  const base = `clusters.${assertToken('clusterId', clusterId)}`;
  return {
    prefix: `${base}.>`,
    cluster: `${base}.cluster`,
    env: `${base}.env`,
    host: (section: HostSection, nodeId: string) => `${base}.${section}.${assertToken('nodeId', nodeId)}`,
    hosts: (section: HostSection) => `${base}.${section}.>`,
    link: (alias: string) => `${base}.links.${assertToken('link alias', alias)}`,
    links: `${base}.links.>`,
    healthChecks: `${base}.health_checks`,
    roleEnv: (role: string) => `${base}.roles.${roleToken(role)}.env`,
    roleHealth: (role: string) => `${base}.roles.${roleToken(role)}.health`,
    roleMonitor: (role: string) => `${base}.roles.${roleToken(role)}.monitor`,
    roleTemplate: (role: string, name: string) => `${base}.roles.${roleToken(role)}.templates.${assertToken('template name', name)}`,
    roleTemplates: (role: string) => `${base}.roles.${roleToken(role)}.templates.>`,
    file: (path: string) => `${base}.files.${fileToken(path)}`,
    files: `${base}.files.>`,
  };
}

/** Key of a drone's registration in the agents bucket. */
export function droneRegistrationKey(nodeId: string): string {
  return `drones.${assertToken('nodeId', nodeId)}`;
}

/** Checks a package file path: relative, `/`-separated, no `.`/`..` segments, at most 300 bytes. */
export function assertPackagePath(path: string): string {
  const segments = path.split('/');
  const bad = path === '' || path.startsWith('/') || path.length > 300 || segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    throw new PitrixError('INPUT.INVALID', `package file path ${JSON.stringify(path)} must be relative, without '.', '..' or empty segments`, [
      { path: 'files', message: 'invalid package file path', found: path },
    ]);
  }
  return path;
}

/** The key token of a package file: its path in base64url, which is always a valid key token. */
function fileToken(path: string): string {
  const bytes = new TextEncoder().encode(assertPackagePath(path));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
