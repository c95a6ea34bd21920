import { request } from 'node:https';

/** What the API server answered. */
export interface KubeApiResponse {
  readonly status: number;
  readonly body: string;
}

/** Where and as whom to call a Kubernetes API server. */
export interface KubeApiTarget {
  /** `https://127.0.0.1:<port>` */
  readonly server: string;
  readonly token: string;
  readonly caPem: string;
}

/**
 * One request to the API server with a bearer token, trusting only its CA. Used for the few calls
 * start-up makes itself (readiness, fake nodes); everything else goes through kubectl or helm.
 */
export function kubeApi(target: KubeApiTarget, method: string, path: string, body?: unknown, timeoutMs = 5_000): Promise<KubeApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      new URL(path, target.server),
      {
        method,
        ca: target.caPem,
        timeout: timeoutMs,
        headers: {
          authorization: `Bearer ${target.token}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${target.server} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
