import { z } from 'zod';
import { addRuleIssue, command } from './common.js';
import { withKeyAliases } from './keys.js';

/** The lifecycle hooks the platform runs itself; any other service key is a custom action. */
export const BUILTIN_SERVICES = ['init', 'start', 'stop', 'restart', 'scale_out', 'scale_in', 'destroy', 'upgrade', 'backup', 'restore', 'delete_snapshot'] as const;
/** The name of a built-in hook. */
export type BuiltinService = (typeof BUILTIN_SERVICES)[number];

/** Default and maximum of a hook's `timeout`, in seconds. */
export const SERVICE_TIMEOUT = { default: 600, max: 86_400 } as const;

/**
 * One hook: the command, its `order` group (ascending, equal orders in parallel), on how many of
 * the role's nodes it runs (`nodesToExecuteOn`, default all) and its timeout. `preCheck` runs
 * first on the same nodes and a non-zero exit refuses the operation.
 */
export const serviceSchema = z.strictObject({
  type: z.literal('custom').optional(),
  cmd: command,
  order: z.number().int().min(0).max(1000).default(0),
  nodesToExecuteOn: z.number().int().min(1).optional(),
  timeout: z.number().int().min(1).max(SERVICE_TIMEOUT.max).default(SERVICE_TIMEOUT.default),
  preCheck: command.optional(),
  postStartService: z.boolean().optional(),
  postStopService: z.boolean().optional(),
  allowForce: z.boolean().optional(),
  serviceParams: z.record(z.string().min(1), z.unknown()).optional(),
});

/** A validated hook. */
export type Service = z.infer<typeof serviceSchema>;

// Where each optional flag means something; anywhere else it would be stored and never run.
const FLAG_HOOKS: Record<'postStartService' | 'postStopService' | 'allowForce' | 'preCheck', readonly string[]> = {
  postStartService: ['init', 'upgrade'],
  postStopService: ['destroy'],
  allowForce: ['destroy'],
  preCheck: ['scale_out', 'scale_in', 'custom actions'],
};

const CUSTOM_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** `services` of a role: built-in hooks by name plus custom actions marked `"type": "custom"`. */
export const servicesSchema = withKeyAliases(
  z.record(z.string(), serviceSchema).superRefine((services, ctx) => {
    for (const [name, service] of Object.entries(services)) checkService(name, service, ctx);
  }),
  { scaleOut: 'scale_out', scaleIn: 'scale_in', deleteSnapshot: 'delete_snapshot' },
);

function isBuiltin(name: string): name is BuiltinService {
  return (BUILTIN_SERVICES as readonly string[]).includes(name);
}

function checkService(name: string, service: Service, ctx: z.core.$RefinementCtx): void {
  const builtin = isBuiltin(name);
  if (builtin && service.type !== undefined) {
    addRuleIssue(ctx, { code: 'service.type_on_builtin', message: `"${name}" is a built-in hook and takes no "type"`, path: [name, 'type'], found: service.type });
  }
  if (!builtin && service.type !== 'custom') {
    addRuleIssue(ctx, {
      code: 'service.custom_without_type',
      message: `"${name}" is not a built-in hook (${BUILTIN_SERVICES.join(', ')}); a custom action needs "type": "custom"`,
      path: [name],
      expected: '"type": "custom"',
      found: service.type,
    });
  }
  if (!builtin && !CUSTOM_NAME.test(name)) {
    addRuleIssue(ctx, { code: 'service.custom_name', message: 'a custom action name is lower-case letters, digits, "_" and "-"', path: [name], found: name });
  }
  for (const [flag, hooks] of Object.entries(FLAG_HOOKS)) {
    const allowed = hooks.includes(name) || (!builtin && hooks.includes('custom actions'));
    if (service[flag as keyof typeof FLAG_HOOKS] !== undefined && !allowed) {
      addRuleIssue(ctx, { code: 'service.flag_not_allowed', message: `"${flag}" applies only to ${hooks.join(', ')}`, path: [name, flag], expected: hooks.join(', '), found: name });
    }
  }
}
