/** GraphQL documents of the runtime commands. */
export const RUNTIME_FIELDS = 'id name description provider zone credentialId labels { key value } options owner createdAt';

/** A runtime as the commands print it. */
export interface RuntimeView {
  id: string;
  name: string;
  description: string;
  provider: string;
  zone: string;
  credentialId: string | null;
  labels: Array<{ key: string; value: string }>;
  options: Record<string, unknown>;
  owner: string;
  createdAt: string;
}

/** Parses repeated `key=value` options into label pairs. */
export function parseLabelArgs(values: string[] | undefined): Array<{ key: string; value: string }> | undefined {
  if (!values) return undefined;
  return values.map((value) => {
    const separator = value.indexOf('=');
    if (separator <= 0) throw new Error(`expected key=value, got ${JSON.stringify(value)}`);
    return { key: value.slice(0, separator), value: value.slice(separator + 1) };
  });
}

/** Labels as `k=v,k=v`. */
export function formatLabels(labels: Array<{ key: string; value: string }>): string {
  return labels.map((label) => `${label.key}=${label.value}`).join(',');
}
