import { z } from 'zod';
import { addRuleIssue, portNumber } from './common.js';

/** The parameter types of config.json (AppCenter's set; OpenPitrix's is a subset). */
export const PARAM_TYPES = ['integer', 'number', 'string', 'password', 'boolean', 'array', 'service', 'loadbalancer'] as const;
/** One parameter type. `array` is a group whose `properties` are its children. */
export type ParamType = (typeof PARAM_TYPES)[number];

const rangeItem = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One node of the config.json tree. A group (`type: array`) has `properties`; a leaf has a type,
 * a default and constraints. `required` is a boolean or AppCenter's `"yes"`/`"no"`.
 */
export const configParamSchema = z
  .strictObject({
    key: z.string().min(1).max(128),
    type: z.enum(PARAM_TYPES),
    label: z.string().optional(),
    description: z.string().optional(),
    default: z.unknown().optional(),
    required: z.union([z.boolean(), z.enum(['yes', 'no'])]).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().positive().optional(),
    range: z.array(rangeItem).min(1).optional(),
    multichoice: z.boolean().optional(),
    separator: z.string().min(1).optional(),
    pattern: z.string().max(1000).optional(),
    changeable: z.boolean().optional(),
    limits: z.record(z.string().min(1), z.array(z.string().min(1))).optional(),
    port: z.union([portNumber, z.array(portNumber).min(1)]).optional(),
    get properties() {
      return z.array(configParamSchema).optional();
    },
  })
  .superRefine((param, ctx) => checkParam(param, ctx));

/** A validated config.json node. */
export type ConfigParam = z.infer<typeof configParamSchema>;

/** config.json: a root group whose `properties` are the top-level keys (`cluster`, `env`, `service_params`). */
export const configSchema = z
  .strictObject({
    type: z.literal('array'),
    label: z.string().optional(),
    description: z.string().optional(),
    properties: z.array(configParamSchema),
  })
  .superRefine((root, ctx) => checkUniqueKeys(root.properties, ['properties'], ctx));

/** The validated content of config.json. */
export type ConfigTree = z.infer<typeof configSchema>;

const NUMERIC = new Set<ParamType>(['integer', 'number']);
const TEXT = new Set<ParamType>(['string', 'password']);

type Ctx = z.core.$RefinementCtx;

function checkParam(param: ConfigParam, ctx: Ctx): void {
  const only = (field: keyof ConfigParam, allowed: boolean, expected: string) => {
    if (param[field] !== undefined && !allowed) {
      addRuleIssue(ctx, { code: 'config.field_not_allowed', message: `"${field}" applies only to ${expected}`, path: [field], expected, found: param.type });
    }
  };
  only('properties', param.type === 'array', 'type array');
  only('min', NUMERIC.has(param.type), 'integer and number');
  only('max', NUMERIC.has(param.type), 'integer and number');
  only('step', NUMERIC.has(param.type), 'integer and number');
  only('pattern', TEXT.has(param.type), 'string and password');
  only('multichoice', param.type === 'string', 'type string');
  only('separator', param.multichoice === true, 'multichoice parameters');
  only('limits', param.type === 'service', 'type service');
  only('port', param.type === 'loadbalancer', 'type loadbalancer');
  only('range', !['array', 'loadbalancer', 'service'].includes(param.type), 'scalar types');
  if (param.type === 'array') {
    if ((param.properties ?? []).length === 0) {
      addRuleIssue(ctx, { code: 'config.empty_group', message: 'a group (type array) needs at least one property', path: ['properties'] });
    }
    checkUniqueKeys(param.properties ?? [], ['properties'], ctx);
  }
  checkBounds(param, ctx);
  checkRange(param, ctx);
  checkPattern(param, ctx);
}

function checkUniqueKeys(properties: readonly ConfigParam[], path: PropertyKey[], ctx: Ctx): void {
  const seen = new Set<string>();
  properties.forEach((property, index) => {
    if (seen.has(property.key)) {
      addRuleIssue(ctx, { code: 'config.duplicate_key', message: `key "${property.key}" is declared twice in the same group`, path: [...path, index, 'key'], found: property.key });
    }
    seen.add(property.key);
  });
}

function checkBounds(param: ConfigParam, ctx: Ctx): void {
  if (param.min !== undefined && param.max !== undefined && param.min > param.max) {
    addRuleIssue(ctx, { code: 'config.min_above_max', message: 'min is greater than max', path: ['min'], expected: `<= ${param.max}`, found: param.min });
  }
  if (param.type === 'integer') {
    for (const field of ['min', 'max', 'step'] as const) {
      const value = param[field];
      if (value !== undefined && !Number.isInteger(value)) {
        addRuleIssue(ctx, { code: 'config.not_integer', message: `${field} of an integer parameter must be a whole number`, path: [field], expected: 'an integer', found: value });
      }
    }
  }
}

function checkRange(param: ConfigParam, ctx: Ctx): void {
  if (param.multichoice && param.range === undefined) {
    addRuleIssue(ctx, { code: 'config.multichoice_without_range', message: 'multichoice needs a range to choose from', path: ['range'] });
  }
  const expected = NUMERIC.has(param.type) ? 'number' : param.type === 'boolean' ? 'boolean' : 'string';
  (param.range ?? []).forEach((item, index) => {
    if (typeof item !== expected || (param.type === 'integer' && !Number.isInteger(item))) {
      addRuleIssue(ctx, { code: 'config.range_type', message: `range values must be of the parameter's type (${param.type})`, path: ['range', index], expected: param.type, found: item });
    }
  });
}

function checkPattern(param: ConfigParam, ctx: Ctx): void {
  if (param.pattern === undefined) return;
  try {
    new RegExp(param.pattern, 'u');
  } catch {
    addRuleIssue(ctx, { code: 'config.pattern_invalid', message: 'pattern is not a valid regular expression', path: ['pattern'], found: param.pattern });
  }
}
