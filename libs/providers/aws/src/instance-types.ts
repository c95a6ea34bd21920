import { PitrixError } from '@pitrix/errors';

/** An instance type and what it offers. */
export interface InstanceTypeSize {
  readonly type: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly gpu: number;
}

/** What a node asks for. */
export interface SizeRequest {
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly gpu?: number;
}

/**
 * The built-in table: general-purpose types. Burstable `t3` for nodes of up to 2 vCPUs and 4 GiB
 * (small nodes are mostly idle, which is what burst credits are for), `m6i` above that for
 * sustained load, and `g4dn` for nodes that ask for GPUs.
 */
export const DEFAULT_INSTANCE_TYPES: readonly InstanceTypeSize[] = [
  { type: 't3.nano', cpu: 2, memoryMiB: 512, gpu: 0 },
  { type: 't3.micro', cpu: 2, memoryMiB: 1024, gpu: 0 },
  { type: 't3.small', cpu: 2, memoryMiB: 2048, gpu: 0 },
  { type: 't3.medium', cpu: 2, memoryMiB: 4096, gpu: 0 },
  { type: 'm6i.large', cpu: 2, memoryMiB: 8192, gpu: 0 },
  { type: 'm6i.xlarge', cpu: 4, memoryMiB: 16384, gpu: 0 },
  { type: 'm6i.2xlarge', cpu: 8, memoryMiB: 32768, gpu: 0 },
  { type: 'm6i.4xlarge', cpu: 16, memoryMiB: 65536, gpu: 0 },
  { type: 'm6i.8xlarge', cpu: 32, memoryMiB: 131072, gpu: 0 },
  { type: 'm6i.12xlarge', cpu: 48, memoryMiB: 196608, gpu: 0 },
  { type: 'm6i.16xlarge', cpu: 64, memoryMiB: 262144, gpu: 0 },
  { type: 'm6i.24xlarge', cpu: 96, memoryMiB: 393216, gpu: 0 },
  { type: 'm6i.32xlarge', cpu: 128, memoryMiB: 524288, gpu: 0 },
  { type: 'g4dn.xlarge', cpu: 4, memoryMiB: 16384, gpu: 1 },
  { type: 'g4dn.2xlarge', cpu: 8, memoryMiB: 32768, gpu: 1 },
  { type: 'g4dn.12xlarge', cpu: 48, memoryMiB: 196608, gpu: 4 },
];

/**
 * The smallest type that gives at least the requested cpu, memory and GPUs: fewest GPUs first (a
 * node without GPUs never lands on a GPU type), then fewest vCPUs, then least memory, then name.
 * No type big enough is `INPUT.INVALID` naming the largest sizes the table offers.
 */
export function chooseInstanceType(request: SizeRequest, table: readonly InstanceTypeSize[]): InstanceTypeSize {
  const gpu = request.gpu ?? 0;
  const fits = table.filter((t) => t.cpu >= request.cpu && t.memoryMiB >= request.memoryMiB && t.gpu >= gpu);
  const [best] = [...fits].sort((a, b) => a.gpu - b.gpu || a.cpu - b.cpu || a.memoryMiB - b.memoryMiB || a.type.localeCompare(b.type));
  if (best) return best;
  throw noTypeFits({ ...request, gpu }, table);
}

function noTypeFits(request: Required<SizeRequest>, table: readonly InstanceTypeSize[]): PitrixError {
  const keys = ['cpu', 'memoryMiB', 'gpu'] as const;
  const most = (key: (typeof keys)[number]) => Math.max(0, ...table.map((t) => t[key]));
  const tooLarge = keys.filter((key) => request[key] > most(key));
  // Each amount may exist on its own while no single type has all three together.
  const blamed = tooLarge.length > 0 ? tooLarge : keys.filter((key) => request[key] > 0);
  return new PitrixError(
    'INPUT.INVALID',
    `No instance type of this runtime offers ${request.cpu} vCPUs, ${request.memoryMiB} MiB and ${request.gpu} GPUs together`,
    blamed.map((key) => ({ path: key, message: 'no instance type offers this size', expected: `<= ${most(key)}`, found: request[key] })),
  );
}

/** The size of a type by name, when the table knows it (for instances without size tags). */
export function sizeOfType(type: string | undefined, table: readonly InstanceTypeSize[]): InstanceTypeSize | undefined {
  return table.find((t) => t.type === type) ?? DEFAULT_INSTANCE_TYPES.find((t) => t.type === type);
}
