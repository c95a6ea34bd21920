/** An account the journeys sign in as (and its API token, to arrange data without the browser). */
export interface StackUser {
  readonly login: string;
  readonly password: string;
  readonly token?: string;
}

/** What the stack process started, handed to the tests through one environment variable. */
export interface StackInfo {
  /** The API's origin, which serves the dashboard at `/`. */
  readonly baseUrl: string;
  readonly adminToken: string;
  readonly users: { readonly admin: StackUser; readonly developer: StackUser; readonly reviewer: StackUser; readonly user: StackUser };
  /** A bucket folder the developer's repository is created on, with its key. */
  readonly s3: { readonly url: string; readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The local runtime (real drones) shared with the e2e group, where the user deploys. */
  readonly runtimeId: string;
  /** The kv-store example package folder. */
  readonly kvStorePackage: string;
  /** An account of the stack's OpenID provider, mapped into group e2e with role user. */
  readonly ssoLogin: string;
  /** The stack's own database (for measurements that change a row directly). */
  readonly databaseUrl: string;
  /** Folder of the local runtime's instances. */
  readonly localRoot: string;
}

export const STACK_ENV = 'PITRIX_E2E_STACK';
/** The stack process announces itself with one line starting with this. */
export const STACK_READY_PREFIX = 'pitrix-e2e-stack ';

export function stackInfo(): StackInfo {
  const raw = process.env[STACK_ENV];
  if (!raw) throw new Error(`${STACK_ENV} is not set: run the tests with \`npx playwright test\`, whose global setup starts the stack`);
  return JSON.parse(raw) as StackInfo;
}

/** Sends one GraphQL operation with a token and returns its data, or throws with the API's errors. */
export async function callApi<T>(stack: StackInfo, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${stack.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
