import { z } from 'zod';
import { addRuleIssue, advancedAction, command, envMap, portNumber, relativePath } from './common.js';
import { healthCheckSchema, monitorSchema } from './observability.js';
import { servicesSchema } from './service.js';

/** Role names; the `-replica` suffix is reserved for the nodes `replica` creates. */
export const ROLE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
const REPLICA_SUFFIX = '-replica';

/** Where a role's program comes from. On the `local` runtime the image is not pulled (contracts §6). */
export const containerSchema = z.strictObject({
  type: z.enum(['kvm', 'docker', 'lxc', 'bm']),
  image: z.string().min(1),
  zone: z.string().optional(),
});

/** A role's data disk: `size` (GiB per node, split across mount points) and up to 3 mount points. */
export const volumeSchema = z.strictObject({
  size: z.number().int().min(1).max(65_536),
  mountPoint: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(3)]).default('/data'),
  mountOptions: z.string().optional(),
  filesystem: z.enum(['ext4', 'xfs', 'ntfs']).default('ext4'),
  class: z.number().int().min(0).optional(),
});

/**
 * A config file the drone keeps rendered from the node's metadata view (contracts §3): Handlebars
 * `source` in the package, written to `destination`, then `reloadCmd` when the bytes changed.
 */
export const configTemplateSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, ".", "_" and "-"'),
  source: relativePath,
  destination: z.string().min(1).max(1024),
  reloadCmd: command.optional(),
  mode: z.string().regex(/^0?[0-7]{3}$/, 'an octal mode such as 0644').optional(),
});

/** One role of the blueprint (a `nodes[]` entry): how many nodes, their size, hooks and checks. */
export const roleSchema = z
  .strictObject({
    role: z.string().regex(ROLE_PATTERN, 'letters, digits, "_" and "-", starting with a letter').optional(),
    container: containerSchema.optional(),
    count: z.number().int().min(0).max(200),
    cpu: z.number().int().min(1).max(256),
    memory: z.number().int().min(64).max(4_194_304),
    gpu: z.number().int().min(0).max(16).optional(),
    instanceClass: z.number().int().min(0).optional(),
    gpuClass: z.number().int().min(0).optional(),
    instanceType: z.string().optional(),
    instanceSize: z.number().int().min(1).optional(),
    volume: volumeSchema.optional(),
    replica: z.number().int().min(0).max(20).default(0),
    serverIdUpperBound: z.number().int().min(1).optional(),
    passphraseless: z.enum(['ssh-rsa', 'ssh-dsa']).optional(),
    verticalScalingPolicy: z.enum(['parallel', 'sequential']).default('parallel'),
    userAccess: z.boolean().optional(),
    agentInstalled: z.boolean().default(true),
    customMetadata: z.strictObject({ cmd: command, timeout: z.number().int().min(1).max(3600).default(60) }).optional(),
    env: envMap.optional(),
    services: servicesSchema.optional(),
    healthCheck: healthCheckSchema.optional(),
    monitor: monitorSchema.optional(),
    loadbalancer: z.array(z.strictObject({ listener: z.string().min(1), port: portNumber, policy: z.string().optional() })).optional(),
    advancedActions: z.array(advancedAction).optional(),
    configTemplates: z.array(configTemplateSchema).optional(),
  })
  .superRefine((role, ctx) => {
    if (role.role?.endsWith(REPLICA_SUFFIX)) {
      addRuleIssue(ctx, { code: 'role.reserved_suffix', message: `role names may not end in "${REPLICA_SUFFIX}": replicas get that name`, path: ['role'], found: role.role });
    }
    if (role.serverIdUpperBound !== undefined && role.count * (1 + role.replica) > role.serverIdUpperBound) {
      addRuleIssue(ctx, { code: 'role.server_id_bound', message: 'more nodes than serverIdUpperBound allows', path: ['count'], expected: `<= ${role.serverIdUpperBound} nodes`, found: role.count });
    }
    if (role.agentInstalled === false && role.services !== undefined) {
      addRuleIssue(ctx, { code: 'role.services_without_agent', message: 'a role without an agent cannot run services', path: ['services'] });
    }
    const names = new Set<string>();
    (role.configTemplates ?? []).forEach((template, index) => {
      if (names.has(template.name)) addRuleIssue(ctx, { code: 'role.duplicate_template', message: `config template "${template.name}" is declared twice`, path: ['configTemplates', index, 'name'], found: template.name });
      names.add(template.name);
    });
  });

/** A validated role. */
export type Role = z.infer<typeof roleSchema>;
