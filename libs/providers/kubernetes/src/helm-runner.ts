import { PitrixError } from '@pitrix/errors';
import type { HelmCallOptions, HelmCli, HelmOutput } from '@pitrix/helm';

/** What a failed helm call printed that means it never reached the API server. */
const UNREACHABLE_OUTPUT = /Kubernetes cluster unreachable|connection refused|no such host|i\/o timeout|TLS handshake timeout|dial tcp|connection reset by peer|no route to host|context deadline exceeded \(Client\.Timeout/i;
/** What Helm prints when the release does not exist. */
const NOT_FOUND_OUTPUT = /release: not found|release not loaded/i;
/** The longest helm message kept in an error. */
const MAX_MESSAGE = 4000;

/** Helm calls of one session: its kubeconfig and namespace on every call, failures mapped to codes. */
export class HelmRunner {
  constructor(
    private readonly helm: HelmCli,
    private readonly kubeconfig: string,
    readonly namespace: string,
    private readonly server: string,
  ) {}

  /** Runs `helm <args>` in the namespace; returns the output whatever the exit code. */
  raw(args: readonly string[], options: Omit<HelmCallOptions, 'kubeconfig'> = {}): Promise<HelmOutput> {
    return this.helm.run([...args, '--namespace', this.namespace], { ...options, kubeconfig: this.kubeconfig });
  }

  /**
   * Runs `helm <args>` and returns its standard output; a failure is `KUBERNETES.UNREACHABLE`
   * when helm could not reach the server, else `KUBERNETES.RELEASE_FAILED` with helm's message.
   */
  async run(what: string, args: readonly string[], options: Omit<HelmCallOptions, 'kubeconfig'> = {}): Promise<string> {
    const output = await this.raw(args, options);
    if (output.exitCode !== 0) throw this.failure(what, output);
    return output.stdout;
  }

  /** The error of a failed call (see `run`). */
  failure(what: string, output: HelmOutput): PitrixError {
    const message = helmMessage(output);
    if (UNREACHABLE_OUTPUT.test(message)) return new PitrixError('KUBERNETES.UNREACHABLE', `helm ${what}: the Kubernetes API server ${this.server} cannot be reached: ${message}`);
    return new PitrixError('KUBERNETES.RELEASE_FAILED', `helm ${what} failed: ${message}`);
  }
}

/** Whether a failed call failed because the release does not exist. */
export function isReleaseNotFound(output: HelmOutput): boolean {
  return output.exitCode !== 0 && NOT_FOUND_OUTPUT.test(output.stderr) && !UNREACHABLE_OUTPUT.test(output.stderr);
}

/** Helm's error output, trimmed and bounded (its usage text is not part of the message). */
export function helmMessage(output: HelmOutput): string {
  const text = (output.stderr.trim() || output.stdout.trim() || `exit code ${output.exitCode}`).replace(/^Error: /gm, '');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
