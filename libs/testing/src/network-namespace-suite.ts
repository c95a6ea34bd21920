// Its own entry point: it registers vitest suites, so only test files may load it (vitest's runtime
// cannot be loaded by a process vitest did not start, such as the dashboard's e2e stack).
import { describe, it } from 'vitest';
import { networkNamespaceAccess, runTestFileInUserNamespace, type ForwardedPort } from './user-namespace.js';

/** Options of `describeWithNetworkNamespaces`. */
export interface NetworkNamespaceSuiteOptions {
  /** The calling test file's path (`__filename`): without root, it is run again inside a user namespace. */
  readonly testFile: string;
  /** Time the whole inner run may take. */
  readonly timeoutMs: number;
  /** What the inner run needs from the host: ports to relay and environment (evaluated when the test runs). */
  readonly inner?: () => { readonly forward?: readonly ForwardedPort[]; readonly env?: Readonly<Record<string, string>> };
}

/**
 * A describe block whose tests create network namespaces. As root (or inside the user namespace
 * of an outer run) it registers `body` as is. Otherwise it registers one test that runs the whole
 * file as root inside a user namespace and passes only when every test there passed; without
 * root or user namespaces it registers one test that fails and says why. Nothing is ever skipped.
 * The file should hold only namespace suites: the inner run executes all of it.
 */
export function describeWithNetworkNamespaces(name: string, options: NetworkNamespaceSuiteOptions, body: () => void): void {
  const how = networkNamespaceAccess();
  if (how.mode === 'host') return void describe(name, body);
  if (how.mode === 'unavailable') {
    return void describe(name, () => {
      it('needs root or unprivileged user namespaces to create network namespaces', () => {
        throw new Error(`cannot test network namespaces, which need root or a user namespace: ${how.reason}`);
      });
    });
  }
  describe(name, () => {
    it(
      'passes as root inside a user namespace (this process is not root)',
      async () => {
        const report = await runTestFileInUserNamespace({ testFile: options.testFile, timeoutMs: options.timeoutMs, ...options.inner?.() });
        console.log(`[user namespace] ${report.passed.length} passed: ${report.passed.join('; ')}`);
      },
      options.timeoutMs + 30_000,
    );
  });
}

