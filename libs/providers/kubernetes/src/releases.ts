import { PitrixError } from '@pitrix/errors';
import type { ClientToken, ReleaseRequest, ReleaseRevision } from '@pitrix/provider-contract';
import { helmMessage, type HelmRunner } from './helm-runner.js';
import type { ReleaseStorage } from './release-storage.js';
import type { HelmCallOptions } from '@pitrix/helm';

/**
 * Release changes through helm, each idempotent per client token: the token is the revision's
 * Helm description (`--description`, which install, upgrade and rollback all take in Helm 4),
 * and a call whose token is already in the history returns that revision instead of changing
 * the release again.
 */
export class ReleaseChanges {
  constructor(
    private readonly helm: HelmRunner,
    private readonly storage: ReleaseStorage,
    private readonly createNamespace: boolean,
  ) {}

  /** The release's revisions, oldest first; empty when it does not exist (read from Helm's storage). */
  async history(release: string): Promise<ReleaseRevision[]> {
    return (await this.storage.revisions(release)).map(({ manifest: _manifest, ...revision }) => revision);
  }

  /** Installs without waiting; the revision this token made when it already did. */
  install(request: ReleaseRequest): Promise<ReleaseRevision> {
    const args = ['install', request.release, '{chart}', '--values', '{values}', '--description', request.clientToken, ...(this.createNamespace ? ['--create-namespace'] : [])];
    return this.change(`install ${request.release}`, request.release, request.clientToken, args, { chart: request.chart.files, values: request.values });
  }

  /**
   * Upgrades without waiting. The caller passes the full values, so the previous ones are reset
   * rather than merged (and an empty values object does not mean "reuse", as it would in Helm).
   * Helm 4 applies server-side: fields another manager took since (replicas set through the
   * scale subresource) would conflict, so the release's chart and values win (`--force-conflicts`).
   */
  upgrade(request: ReleaseRequest): Promise<ReleaseRevision> {
    const args = ['upgrade', request.release, '{chart}', '--values', '{values}', '--reset-values', '--force-conflicts', '--description', request.clientToken];
    return this.change(`upgrade ${request.release}`, request.release, request.clientToken, args, { chart: request.chart.files, values: request.values });
  }

  /** Rolls back to `revision` without waiting (the old revision's fields win, as for an upgrade); idempotent per token. */
  rollback(release: string, revision: number, clientToken: ClientToken): Promise<ReleaseRevision> {
    const args = ['rollback', release, String(revision), '--force-conflicts', '--description', clientToken];
    return this.change(`rollback ${release} to ${revision}`, release, clientToken, args, {});
  }

  /** Runs the release's Helm tests; a failing test is `KUBERNETES.TEST_FAILED` with Helm's output. */
  async test(release: string, timeoutSeconds: number): Promise<void> {
    const output = await this.helm.raw(['test', release, '--timeout', `${timeoutSeconds}s`], { timeoutMs: (timeoutSeconds + 60) * 1000 });
    if (output.exitCode === 0) return;
    const error = this.helm.failure(`test ${release}`, output);
    if (error.code === 'KUBERNETES.UNREACHABLE') throw error;
    throw new PitrixError('KUBERNETES.TEST_FAILED', `The tests of release ${release} failed: ${helmMessage(output)}`);
  }

  private async change(what: string, release: string, token: ClientToken, args: string[], files: Omit<HelmCallOptions, 'kubeconfig'>): Promise<ReleaseRevision> {
    const done = await this.byToken(release, token);
    if (done) return done;
    const output = await this.helm.raw(args, files);
    // Another attempt with this token may have won a race; its revision is the answer.
    const made = await this.byToken(release, token);
    if (output.exitCode !== 0 && (!made || made.status === 'failed')) throw this.helm.failure(what, output);
    if (!made) throw new Error(`helm ${what} recorded no revision described ${token}`);
    return made;
  }

  private async byToken(release: string, token: ClientToken): Promise<ReleaseRevision | undefined> {
    return (await this.history(release)).find((revision) => revision.description === token);
  }
}
