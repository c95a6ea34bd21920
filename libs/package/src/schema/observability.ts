import { z } from 'zod';
import { addRuleIssue, command } from './common.js';

/**
 * `healthCheck`: the drone runs `checkCmd` every `intervalSec`; after `unhealthyThreshold`
 * failures in a row the node is unhealthy and `actionCmd` runs (AppCenter's semantics and bounds).
 */
export const healthCheckSchema = z
  .strictObject({
    enable: z.boolean().default(false),
    intervalSec: z.number().int().min(3).max(86_400).default(60),
    timeoutSec: z.number().int().min(3).default(10),
    actionTimeoutSec: z.number().int().min(3).max(86_400).default(30),
    healthyThreshold: z.number().int().min(2).max(100).default(3),
    unhealthyThreshold: z.number().int().min(2).max(100).default(3),
    checkCmd: command.optional(),
    actionCmd: command.optional(),
  })
  .superRefine((check, ctx) => {
    if (check.timeoutSec > check.intervalSec) {
      addRuleIssue(ctx, { code: 'health.timeout_above_interval', message: 'timeoutSec may not exceed intervalSec', path: ['timeoutSec'], expected: `<= ${check.intervalSec}`, found: check.timeoutSec });
    }
    if (check.enable && check.checkCmd === undefined) {
      addRuleIssue(ctx, { code: 'health.missing_check_cmd', message: 'an enabled health check needs a checkCmd', path: ['checkCmd'] });
    }
  });

const STATISTICS = ['min', 'max', 'avg', 'delta', 'rate', 'mode', 'median', 'latest'] as const;

const monitorItem = z.strictObject({
  unit: z.string().default(''),
  valueType: z.enum(['int', 'str']).default('int'),
  statisticsType: z.enum(STATISTICS).optional(),
  scaleFactorWhenDisplay: z.number().positive().default(1),
  enums: z.array(z.string()).optional(),
});

/**
 * `monitor`: the drone runs `cmd` every `intervalSec` (a Pitrix addition; AppCenter fixed it) and
 * it prints a JSON object `{item: value}` within 5 s; `items` (at most 50) describe the values,
 * `groups` (1 to 5 items each) and `display` order them, `alarm` offers them for alarm rules.
 */
export const monitorSchema = z
  .strictObject({
    enable: z.boolean().default(false),
    cmd: command.optional(),
    intervalSec: z.number().int().min(3).max(86_400).default(60),
    items: z.record(z.string().min(1), monitorItem).default({}),
    groups: z.record(z.string().min(1), z.array(z.string()).min(1).max(5)).optional(),
    display: z.array(z.string()).optional(),
    alarm: z.array(z.string()).optional(),
  })
  .superRefine((monitor, ctx) => {
    const items = Object.keys(monitor.items);
    if (items.length > 50) addRuleIssue(ctx, { code: 'monitor.too_many_items', message: 'at most 50 monitor items', path: ['items'], expected: '<= 50', found: items.length });
    if (monitor.enable && monitor.cmd === undefined) addRuleIssue(ctx, { code: 'monitor.missing_cmd', message: 'an enabled monitor needs a cmd', path: ['cmd'] });
    for (const [name, item] of Object.entries(monitor.items)) {
      if (item.valueType === 'str' && item.statisticsType !== undefined && !['mode', 'latest'].includes(item.statisticsType)) {
        addRuleIssue(ctx, { code: 'monitor.statistics_type', message: 'a str item allows only mode or latest', path: ['items', name, 'statisticsType'], expected: 'mode or latest', found: item.statisticsType });
      }
    }
    const known = (names: readonly string[] | undefined, path: PropertyKey[], allowed: readonly string[]) =>
      (names ?? []).forEach((name, index) => {
        if (!allowed.includes(name)) addRuleIssue(ctx, { code: 'monitor.unknown_item', message: `"${name}" is not a declared monitor item or group`, path: [...path, index], found: name });
      });
    Object.entries(monitor.groups ?? {}).forEach(([group, names]) => known(names, ['groups', group], items));
    known(monitor.display, ['display'], [...items, ...Object.keys(monitor.groups ?? {})]);
    known(monitor.alarm, ['alarm'], items);
    (monitor.alarm ?? []).forEach((name, index) => {
      if (monitor.items[name]?.valueType === 'str') addRuleIssue(ctx, { code: 'monitor.alarm_not_numeric', message: `"${name}" is a str item: alarm thresholds compare numbers`, path: ['alarm', index], expected: 'an int item', found: name });
    });
  });

/** `displayTabs`: up to 5 tabs, each a command printing `{labels, data}` run on one node. */
export const displayTabsSchema = z
  .record(
    z.string().min(1),
    z.strictObject({
      cmd: command,
      rolesToExecuteOn: z.array(z.string().min(1)).min(1).optional(),
      description: z.string().optional(),
      timeout: z.number().int().min(1).max(10).default(10),
    }),
  )
  .refine((tabs) => Object.keys(tabs).length <= 5, 'at most 5 display tabs');

/** A validated health check. */
export type HealthCheck = z.infer<typeof healthCheckSchema>;
/** A validated monitor definition. */
export type Monitor = z.infer<typeof monitorSchema>;
