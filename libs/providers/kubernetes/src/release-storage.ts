import type { ReleaseRevision } from '@pitrix/provider-contract';
import { gunzipSync } from 'node:zlib';
import { apiError } from './api-errors.js';
import type { KubeClients } from './kube-client.js';

/** One revision as Helm stores it: what `helm history` shows, and the revision's manifest. */
export interface StoredRevision extends ReleaseRevision {
  readonly manifest: string;
}

/** The fields of Helm's stored release record that Pitrix reads. */
interface HelmRecord {
  readonly version?: number;
  readonly manifest?: string;
  readonly info?: { readonly status?: string; readonly description?: string; readonly last_deployed?: string };
  readonly chart?: { readonly metadata?: { readonly version?: string } };
}

/**
 * Helm's own record of a release, read through the API server: with its default storage driver
 * Helm keeps each revision in a Secret (`sh.helm.release.v1.<release>.v<revision>`, labelled
 * `owner=helm,name=<release>`) holding the gzipped release as JSON. Reading them answers in
 * milliseconds where a helm process (`helm history`, `helm get manifest`) takes a tenth of a
 * second, and every release step asks for the history twice.
 */
export class ReleaseStorage {
  constructor(
    private readonly kube: KubeClients,
    private readonly namespace: string,
  ) {}

  /** The release's revisions, oldest first; none when it does not exist. */
  async revisions(release: string): Promise<StoredRevision[]> {
    const secrets = await this.kube.core.listNamespacedSecret({ namespace: this.namespace, labelSelector: `owner=helm,name=${release}` }).catch((err: unknown) => {
      throw apiError(this.kube.server, `read the revisions of release ${release}`, err);
    });
    return secrets.items
      .map((secret) => decodeRecord(secret.data?.release))
      .filter((record): record is HelmRecord => record !== undefined)
      .map((record) => ({
        revision: Number(record.version ?? 0),
        status: record.info?.status ?? 'unknown',
        chartVersion: record.chart?.metadata?.version ?? '',
        description: record.info?.description ?? '',
        updatedAt: isoTime(record.info?.last_deployed),
        manifest: record.manifest ?? '',
      }))
      .sort((a, b) => a.revision - b.revision);
  }
}

// The Secret's value is base64 (the API's encoding) of base64 (Helm's) of a gzipped JSON record.
function decodeRecord(data: string | undefined): HelmRecord | undefined {
  if (!data) return undefined;
  const payload = Buffer.from(Buffer.from(data, 'base64').toString('utf8'), 'base64');
  const gzipped = payload[0] === 0x1f && payload[1] === 0x8b;
  return JSON.parse((gzipped ? gunzipSync(payload) : payload).toString('utf8')) as HelmRecord;
}

function isoTime(value: string | undefined): string {
  const date = new Date(value ?? '');
  return Number.isNaN(date.getTime()) ? (value ?? '') : date.toISOString();
}
