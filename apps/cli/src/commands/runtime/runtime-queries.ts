/** GraphQL documents of the runtime commands. */
export const RUNTIME_FIELDS = 'id name description provider zone credentialId labels { key value } options owner createdAt';

/** Fields of a runtime's healing. */
export const HEALING_FIELDS = 'state downNodes totalNodes since meltdownPercent meltdownNodes defaultLimits releasedBy releasedAt events { kind message actor at }';

/** A runtime's healing as the commands print it. */
export interface HealingView {
  state: string;
  downNodes: number;
  totalNodes: number;
  since: string;
  meltdownPercent: number;
  meltdownNodes: number;
  defaultLimits: boolean;
  releasedBy: string | null;
  releasedAt: string | null;
  events: Array<{ kind: string; message: string; actor: string; at: string }>;
}

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
