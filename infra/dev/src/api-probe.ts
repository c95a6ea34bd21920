import type { ProbeResult, ReadinessProbe } from '@pitrix/devstack';

/**
 * A query only the Pitrix API answers: its own status field, listing the dependencies it probes.
 * An open port, or any GraphQL server's `{ __typename }`, would not tell our API from another
 * process on the same port.
 */
const PITRIX_QUERY = '{ systemStatus { dependencies { name } } }';

/** Ready once `url` answers the Pitrix status query over HTTP (asked with `token`), as only the Pitrix API does. */
export function pitrixApiProbe(url: string, token: string, timeoutMs = 5_000): ReadinessProbe {
  return { what: `the GraphQL API at ${url}`, check: () => askPitrix(url, token, timeoutMs) };
}

async function askPitrix(url: string, token: string, timeoutMs: number): Promise<ProbeResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PITRIX_QUERY }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ready: false, reason: cause === 'ECONNREFUSED' ? 'nothing listens there yet' : `no answer: ${cause ?? (err as Error).message}` };
  }
  const body = (await response.json().catch(() => undefined)) as { data?: { systemStatus?: { dependencies?: unknown } } } | undefined;
  if (Array.isArray(body?.data?.systemStatus?.dependencies)) return { ready: true };
  return { ready: false, reason: `something answers HTTP ${response.status} there, but not as the Pitrix API` };
}
