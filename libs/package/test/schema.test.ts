import { describe, expect, it } from 'vitest';
import { blueprintSchema, configSchema, packageJsonSchemas, SERVICE_TIMEOUT, validateDocument } from '../src/index.js';

const role = (extra: Record<string, unknown> = {}) => ({ role: 'db', count: 1, cpu: 1, memory: 512, ...extra });
const blueprint = (extra: Record<string, unknown> = {}, roleExtra: Record<string, unknown> = {}) => ({ name: 'x', nodes: [role(roleExtra)], ...extra });

function check(raw: unknown) {
  return validateDocument(blueprintSchema, raw, { file: 'cluster.json.tmpl' });
}

describe('blueprint schema: hooks', () => {
  it('gives a hook order 0 and the default timeout', () => {
    const { value } = check(blueprint({}, { services: { start: { cmd: 'run' } } }));
    expect(value?.nodes[0]?.services?.start).toEqual({ cmd: 'run', order: 0, timeout: SERVICE_TIMEOUT.default });
  });

  it('reads every hook field from snake_case', () => {
    const services = {
      init: { cmd: 'i', order: 1, nodes_to_execute_on: 1, timeout: 30, post_start_service: true },
      scale_in: { cmd: 's', pre_check: 'p', timeout: 86400 },
      destroy: { cmd: 'd', allow_force: false, post_stop_service: true },
      upgrade: { cmd: 'u', post_start_service: true },
      backup: { cmd: 'b', service_params: { target_dir: '/x' } },
      restore: { cmd: 'r' },
      delete_snapshot: { cmd: 'ds' },
      restart: { cmd: 'rs' },
      rotate_logs: { type: 'custom', cmd: 'c', pre_check: 'pc' },
    };
    const { value, problems } = check(blueprint({}, { services }));
    expect(problems).toEqual([]);
    expect(value?.nodes[0]?.services).toMatchObject({
      init: { nodesToExecuteOn: 1, postStartService: true, order: 1, timeout: 30 },
      scale_in: { preCheck: 'p', timeout: 86400 },
      destroy: { allowForce: false, postStopService: true },
      backup: { serviceParams: { target_dir: '/x' } },
      rotate_logs: { type: 'custom', preCheck: 'pc' },
    });
  });

  it('reads camelCase hook names as the built-in hooks', () => {
    const { value } = check(blueprint({}, { services: { scaleOut: { cmd: 'a' }, deleteSnapshot: { cmd: 'b' } } }));
    expect(Object.keys(value?.nodes[0]?.services ?? {})).toEqual(['scale_out', 'delete_snapshot']);
  });

  it.each([
    ['a timeout above a day', { start: { cmd: 'x', timeout: 86401 } }, 'schema.too_big', 'nodes[0].services.start.timeout'],
    ['a timeout of zero', { start: { cmd: 'x', timeout: 0 } }, 'schema.too_small', 'nodes[0].services.start.timeout'],
    ['an empty command', { start: { cmd: '' } }, 'schema.too_small', 'nodes[0].services.start.cmd'],
    ['a command over 1,000 characters', { start: { cmd: 'x'.repeat(1001) } }, 'schema.too_big', 'nodes[0].services.start.cmd'],
    ['a negative order', { start: { cmd: 'x', order: -1 } }, 'schema.too_small', 'nodes[0].services.start.order'],
    ['pre_check on start', { start: { cmd: 'x', pre_check: 'y' } }, 'service.flag_not_allowed', 'nodes[0].services.start.pre_check'],
    ['allow_force on init', { init: { cmd: 'x', allow_force: true } }, 'service.flag_not_allowed', 'nodes[0].services.init.allow_force'],
    ['a custom action with a bad name', { 'Bad Name': { type: 'custom', cmd: 'x' } }, 'service.custom_name', 'nodes[0].services["Bad Name"]'],
    ['an unknown hook field', { start: { cmd: 'x', retries: 3 } }, 'schema.unknown_field', 'nodes[0].services.start.retries'],
  ])('refuses %s', (_name, services, code, path) => {
    const { problems } = check(blueprint({}, { services }));
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([[code, path]]);
  });
});

describe('blueprint schema: keys', () => {
  it('never renames the keys of env, endpoints, links or service params', () => {
    const { value } = check(blueprint({ env: { max_conn: 1, 'a.b': 'c' }, links: { zk_service: 'cl-1' }, endpoints: { client_port: { port: 1 } } }, { env: { tick_time: 2 } }));
    expect(value?.env).toEqual({ max_conn: 1, 'a.b': 'c' });
    expect(value?.links).toEqual({ zk_service: 'cl-1' });
    expect(Object.keys(value?.endpoints ?? {})).toEqual(['client_port']);
    expect(value?.nodes[0]?.env).toEqual({ tick_time: 2 });
  });

  it("reads AppCenter's vxnet as subnet", () => {
    expect(check(blueprint({ vxnet: 'vxnet-1' })).value?.subnet).toBe('vxnet-1');
  });

  it('reports the path as the author wrote it', () => {
    const { problems } = check(blueprint({}, { vertical_scaling_policy: 'random' }));
    expect(problems).toEqual([expect.objectContaining({ path: 'nodes[0].vertical_scaling_policy', code: 'schema.invalid_value', found: 'random' })]);
  });

  it('accepts every cluster-level and role-level field of the format', () => {
    const full = {
      name: 'n', description: 'd', subnet: 's', links: { a: 'cl-1' }, env: { e: 1 },
      endpoints: { client: { port: 'env.e', protocol: 'tcp' }, reserved_ips: { vip: { value: '' } } },
      upgrade_policy: ['1.0.0'], backup_policy: 'device', incremental_backup_supported: true,
      advanced_actions: ['change_subnet', 'scale_horizontal', 'add_nodes', 'associate_eip', 'change_vxnet'],
      advanced_services: { update_nodes_names: { cmd: 'names', timeout: 30 } }, metadata_root_access: false,
      health_check: { enable: false }, monitor: { enable: false }, multi_zone_policy: 'round_robin',
      display_tabs: { t: { cmd: 'c', roles_to_execute_on: ['db'], description: 'x', timeout: 10 } },
    };
    const roleFields = {
      container: { type: 'docker', image: 'redis:7', zone: 'z' }, gpu: 1, instance_class: 1, gpu_class: 0, instance_type: 'bm1', instance_size: 20,
      volume: { size: 30, mount_point: ['/d1', '/d2', '/d3'], mount_options: 'defaults', filesystem: 'xfs', class: 2 },
      replica: 2, server_id_upper_bound: 255, passphraseless: 'ssh-dsa', vertical_scaling_policy: 'sequential', user_access: true, agent_installed: true,
      custom_metadata: { cmd: 'token' }, env: {}, services: {}, loadbalancer: [{ listener: 'lbl-1', port: 80, policy: 'rr' }],
      advanced_actions: ['scale_horizontal'], config_templates: [{ name: 'c', source: 't/c.hbs', destination: 'c.conf', reload_cmd: 'r', mode: '0600' }],
      health_check: { enable: true, interval_sec: 120, timeout_sec: 10, action_timeout_sec: 60, healthy_threshold: 2, unhealthy_threshold: 5, check_cmd: 'c', action_cmd: 'a' },
      monitor: { enable: true, cmd: 'm', interval_sec: 30, items: { a: { unit: 'ms', value_type: 'int', statistics_type: 'avg', scale_factor_when_display: 0.01 } }, groups: { g: ['a'] }, display: ['g'], alarm: ['a'] },
    };
    expect(check(blueprint(full, roleFields)).problems).toEqual([]);
  });
});

describe('config.json schema', () => {
  it('accepts required as a boolean or as "yes"/"no"', () => {
    const tree = { type: 'array', properties: [{ key: 'a', type: 'string', required: 'yes' }, { key: 'b', type: 'string', required: false }] };
    expect(validateDocument(configSchema, tree, { file: 'config.json' }).problems).toEqual([]);
  });

  it('refuses "required": "maybe"', () => {
    const tree = { type: 'array', properties: [{ key: 'a', type: 'string', required: 'maybe' }] };
    expect(validateDocument(configSchema, tree, { file: 'config.json' }).problems.map((p) => p.path)).toEqual(['properties[0].required']);
  });
});

describe('packageJsonSchemas', () => {
  it('derives JSON Schemas of the three documents from the same definitions', () => {
    const schemas = packageJsonSchemas() as Record<string, { type?: string; properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas.blueprint?.properties ?? {})).toContain('upgradePolicy');
    expect(Object.keys(schemas.configJson?.properties ?? {})).toEqual(['type', 'label', 'description', 'properties']);
    expect(schemas.packageJson?.properties).toHaveProperty('appVersion');
  });
});
