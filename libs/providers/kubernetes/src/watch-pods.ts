import { Watch } from '@kubernetes/client-node';
import type { ReleasePod } from '@pitrix/provider-contract';
import type { KubeClients } from './kube-client.js';

/** How long events are gathered before the pods are listed again. */
const DEBOUNCE_MS = 100;
/** How long to wait before re-opening a watch that ended or failed. */
const RESTART_MS = 1000;

/**
 * Watches the pods of a namespace and, after each burst of events, lists the release's pods
 * again and reports the list when it changed (and once at the start). A watch that ends (the
 * server closes watches after a while) is opened again; errors go to `onError` and the watch
 * carries on. Returns the function that stops it.
 */
export async function watchReleasePods(
  kube: KubeClients,
  namespace: string,
  list: () => Promise<readonly ReleasePod[]>,
  onChange: (pods: readonly ReleasePod[]) => void,
  onError: (err: Error) => void,
): Promise<() => void> {
  let stopped = false;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let restart: NodeJS.Timeout | undefined;
  let last = '';
  let listing = false;
  let dirty = false;

  const report = (pods: readonly ReleasePod[]): void => {
    const key = JSON.stringify(pods);
    if (stopped || key === last) return;
    last = key;
    onChange(pods);
  };
  // One list at a time, so a slow, older list never overwrites a newer one; events during a
  // list make one more list after it.
  const relist = async (): Promise<void> => {
    if (listing) {
      dirty = true;
      return;
    }
    listing = true;
    try {
      do {
        dirty = false;
        report(await list());
      } while (dirty && !stopped);
    } catch (err) {
      if (!stopped) onError(asError(err));
    } finally {
      listing = false;
    }
  };
  const schedule = (): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void relist();
    }, DEBOUNCE_MS);
  };
  const open = async (): Promise<void> => {
    if (stopped) return;
    try {
      abort = await new Watch(kube.config).watch(`/api/v1/namespaces/${namespace}/pods`, {}, schedule, (err: unknown) => {
        if (stopped) return;
        if (err && !isAbort(err)) onError(asError(err));
        reopen();
      });
      // Events between the last list and the new watch are not replayed: list again.
      schedule();
    } catch (err) {
      onError(asError(err));
      reopen();
    }
  };
  const reopen = (): void => {
    if (stopped) return;
    restart = setTimeout(() => void open(), RESTART_MS);
  };

  report(await list());
  await open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(restart);
    abort?.abort();
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function isAbort(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'AbortError';
}
