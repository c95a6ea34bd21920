import { z } from 'zod';
import { addRuleIssue, advancedAction, command, envMap, portNumber } from './common.js';
import { displayTabsSchema, healthCheckSchema, monitorSchema } from './observability.js';
import { withKeyAliases } from './keys.js';
import { roleSchema, type Role } from './role.js';

// `port` may name an env value instead of a number, so changing the env moves the endpoint.
const ENV_REFERENCE = /^(?:([A-Za-z][A-Za-z0-9_-]*)\.)?env\.(.+)$/;

const endpoint = z.strictObject({
  port: z.union([portNumber, z.string().regex(ENV_REFERENCE, 'a port number or an env reference such as env.port or master.env.port')]),
  protocol: z.string().min(1).optional(),
});

/** `endpoints`: `{name: {port, protocol}}` plus AppCenter's `reserved_ips` (`{vip: {value}}`, filled by the platform). */
export const endpointsSchema = z
  .strictObject({ reserved_ips: z.record(z.string().min(1), z.strictObject({ value: z.string().default('') })).optional() })
  .catchall(endpoint);

const blueprintObject = z.strictObject({
  name: z.string().max(255),
  description: z.string().max(2000).default(''),
  subnet: z.string().optional(),
  links: z.record(z.string().min(1), z.string()).optional(),
  endpoints: endpointsSchema.optional(),
  env: envMap.optional(),
  nodes: z.array(roleSchema).min(1).max(100),
  upgradePolicy: z.array(z.string().min(1)).optional(),
  backupPolicy: z.enum(['device', 'custom']).optional(),
  incrementalBackupSupported: z.boolean().optional(),
  advancedActions: z.array(advancedAction).optional(),
  advancedServices: z
    .strictObject({ updateNodesNames: z.strictObject({ cmd: command, timeout: z.number().int().min(1).max(30).default(5) }).optional() })
    .optional(),
  metadataRootAccess: z.boolean().optional(),
  healthCheck: healthCheckSchema.optional(),
  monitor: monitorSchema.optional(),
  displayTabs: displayTabsSchema.optional(),
  multiZonePolicy: z.enum(['round_robin']).optional(),
});

/**
 * The rendered blueprint (cluster.json.tmpl after rendering): every cluster-level field of the
 * AppCenter and OpenPitrix formats, read from snake_case or camelCase (AppCenter's `vxnet` is
 * `subnet`), enforced in full.
 */
export const blueprintSchema = withKeyAliases(
  blueprintObject.superRefine((blueprint, ctx) => {
    checkRoles(blueprint.nodes, ctx);
    checkRoleReferences(blueprint, ctx);
    if (blueprint.backupPolicy === 'custom' && !blueprint.nodes.some((role) => role.services?.backup)) {
      addRuleIssue(ctx, { code: 'backup.missing_hook', message: 'backupPolicy "custom" needs a backup hook on at least one role', path: ['backupPolicy'] });
    }
  }),
  { vxnet: 'subnet' },
);

/** A validated, rendered blueprint: what the planner and the providers work from. */
export type Blueprint = z.infer<typeof blueprintSchema>;

type Ctx = z.core.$RefinementCtx;

function checkRoles(nodes: readonly Role[], ctx: Ctx): void {
  const seen = new Set<string>();
  nodes.forEach((role, index) => {
    const name = role.role ?? '';
    if (seen.has(name)) addRuleIssue(ctx, { code: 'role.duplicate', message: `role "${name}" is declared twice`, path: ['nodes', index, 'role'], found: name });
    seen.add(name);
    if (role.role === undefined && nodes.length > 1) {
      addRuleIssue(ctx, { code: 'role.missing_name', message: 'only an app with a single role may leave "role" out', path: ['nodes', index] });
    }
  });
  if (nodes.reduce((total, role) => total + role.count, 0) === 0) {
    addRuleIssue(ctx, { code: 'role.no_nodes', message: 'the cluster must have at least one node', path: ['nodes'], expected: 'a total count > 0', found: 0 });
  }
}

function checkRoleReferences(blueprint: z.infer<typeof blueprintObject>, ctx: Ctx): void {
  const roles = new Map(blueprint.nodes.map((role) => [role.role ?? '', role]));
  for (const [tab, definition] of Object.entries(blueprint.displayTabs ?? {})) {
    (definition.rolesToExecuteOn ?? []).forEach((role, index) => {
      if (!roles.has(role)) addRuleIssue(ctx, { code: 'hook.unknown_role', message: `display tab "${tab}" runs on role "${role}", which is not declared`, path: ['displayTabs', tab, 'rolesToExecuteOn', index], expected: [...roles.keys()].join(', '), found: role });
    });
  }
  for (const [name, definition] of Object.entries(blueprint.endpoints ?? {})) {
    if (name === 'reserved_ips' || !('port' in definition) || typeof definition.port !== 'string') continue;
    const [, role, key] = ENV_REFERENCE.exec(definition.port) ?? [];
    const env = role === undefined ? blueprint.env : roles.get(role)?.env;
    if (role !== undefined && !roles.has(role)) {
      addRuleIssue(ctx, { code: 'hook.unknown_role', message: `endpoint "${name}" names role "${role}", which is not declared`, path: ['endpoints', name, 'port'], found: definition.port });
    } else if (key === undefined || env === undefined || !Object.hasOwn(env, key)) {
      addRuleIssue(ctx, { code: 'endpoint.unknown_env', message: `endpoint "${name}" takes its port from ${definition.port}, which is not declared`, path: ['endpoints', name, 'port'], found: definition.port });
    }
  }
}
