import type { ApiHarness } from '@pitrix/e2e-harness';
import { createClient, type Client } from 'graphql-ws';
import { join } from 'node:path';
import { expect } from 'vitest';
import WebSocket from 'ws';

/** Folder of a test package. */
export function testPackage(name: string): string {
  return join(__dirname, '..', 'testdata', 'packages', name);
}

/** What a mutation returns for an accepted job. */
export interface AcceptedJobView {
  jobId: string;
  clusterId: string;
  action: string;
  workflowId: string;
  runId: string;
  temporalUrl: string;
  placement: { runtimeId: string; reason: string } | null;
  fromLayer: number | null;
}

/** Fields of an accepted job. */
export const ACCEPTED = 'jobId clusterId action workflowId runId temporalUrl placement { runtimeId reason } fromLayer';

/** Fields of a job with its layers and tasks. */
export const JOB_FIELDS =
  'id clusterId action status live phase currentLayer workflowId runId temporalUrl failedTaskId failure { code message exitCode stderrTail } retries layers { index tasks { id title type nodeId status attempts failure { code exitCode stderrTail } } }';

/** A job as the API shows it. */
export interface JobView {
  id: string;
  clusterId: string;
  action: string;
  status: string;
  live: boolean;
  workflowId: string;
  runId: string;
  temporalUrl: string;
  failedTaskId: string | null;
  failure: { code: string; message: string; exitCode: number | null; stderrTail: string | null } | null;
  retries: number;
  layers: Array<{ index: number; tasks: Array<{ id: string; status: string; type: string; nodeId: string | null }> }>;
}

/** GraphQL calls the cluster tests share. */
export function clusterCalls(api: ApiHarness) {
  const call = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> => {
    const body = await api.graphql<T>(query, variables, headers);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const job = async (id: string, headers: Record<string, string> = {}) => (await call<{ job: JobView }>(`query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`, { id }, headers)).job;
  return {
    call,
    job,
    /**
     * Polls a job until it ends (successful, failed or cancelled). Generous: the first job of a
     * network also starts its frontgate, and CI runs test projects side by side on 2 cores.
     */
    async settled(id: string, headers: Record<string, string> = {}): Promise<JobView> {
      let last: JobView | undefined;
      await expect
        .poll(async () => {
          last = await job(id, headers);
          return ['successful', 'failed', 'cancelled'].includes(last.status);
        }, { timeout: 280_000, interval: 250 })
        .toBe(true);
      return last as JobView;
    },
    async createRuntime(name: string, options: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
      const data = await call<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, { input: { name, provider: 'local', zone: 'local', options } }, headers);
      return data.createRuntime.id;
    },
    async operate(mutation: string, args: Record<string, unknown>, headers: Record<string, string> = {}): Promise<AcceptedJobView> {
      const types: Record<string, string> = { id: 'ID!', force: 'Boolean', role: 'String!', count: 'Int!', values: 'JSONObject!', input: `${capitalized(mutation)}Input!` };
      const params = Object.keys(args).map((name) => `$${name}: ${types[name] ?? 'String'}`).join(', ');
      const pass = Object.keys(args).map((name) => `${name}: $${name}`).join(', ');
      const data = await call<Record<string, AcceptedJobView>>(`mutation(${params}) { ${mutation}(${pass}) { ${ACCEPTED} } }`, args, headers);
      return data[mutation] as AcceptedJobView;
    },
    async cluster(id: string, headers: Record<string, string> = {}) {
      const data = await call<{ cluster: { id: string; status: string; transitionStatus: string; statusReason: string; runtimeId: string; nodes: Array<{ id: string; role: string; status: string }>; roles: Array<{ role: string; nodeCount: number }> } }>(
        `query($id: ID!) { cluster(id: $id) { id status transitionStatus statusReason runtimeId nodes { id role status } roles { role nodeCount } } }`,
        { id },
        headers,
      );
      return data.cluster;
    },
  };
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * A graphql-ws client of the harness's API, signed in with the token of `headers` (`{ authorization:
 * 'Bearer …' }`, as `TestUser.headers`), or as the bootstrap admin without one.
 */
export function subscriptionClient(api: ApiHarness, headers: Record<string, string> = {}): Client {
  const connectionParams = { authorization: headers['authorization'] ?? `Bearer ${api.adminToken}` };
  return createClient({ url: api.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, lazy: true, retryAttempts: 0 });
}

/** Collects what a subscription sends until `done` says enough, or it ends. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown>, done: (items: T[]) => boolean): Promise<T[]> {
  const items: T[] = [];
  return new Promise((resolve, reject) => {
    const dispose = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (message) => {
          if (message.errors) return reject(new Error(JSON.stringify(message.errors)));
          items.push(Object.values(message.data ?? {})[0] as T);
          if (done(items)) {
            dispose();
            resolve(items);
          }
        },
        error: reject,
        complete: () => resolve(items),
      },
    );
  });
}
