import { describe, expect, it } from 'vitest';
import { FILES_DIR_LIMITS, inspectPackage, lintPackage, parsePackage, type PackageProblem } from '../src/index.js';
import { hasErrorCode } from '@pitrix/errors';
import { codesOf, readFixture, withFile } from './fixtures.js';

/** Each fixture folder is named after its case; the table says which error codes lint must report. */
const CASES: Array<[fixture: string, errors: string[]]> = [
  ['valid-openpitrix-dialect', []],
  ['valid-appcenter-dialect', []],
  ['appcenter-template-name', []],
  ['camel-case-keys', []],
  ['required-as-yes-no', []],
  ['order-gaps-are-fine', []],
  ['hook-script-run-by-shell', []],
  ['values-rules', []],
  ['missing-package-json', ['file.missing']],
  ['missing-config-json', ['file.missing']],
  ['missing-cluster-template', ['file.missing']],
  ['both-template-names', ['file.ambiguous_template']],
  ['bad-json-config', ['json.syntax']],
  ['duplicate-json-key', ['json.duplicate_key']],
  ['invalid-utf8-package-json', ['file.encoding']],
  ['package-name-invalid', ['package.invalid_name']],
  ['package-version-not-semver', ['package.invalid_version']],
  ['unknown-field-in-role', ['schema.unknown_field']],
  ['snake-and-camel-conflict', ['keys.conflict']],
  ['config-default-out-of-range', ['values.not_in_range']],
  ['config-default-wrong-type', ['values.invalid_type', 'schema.invalid_type']],
  ['config-pattern-invalid', ['config.pattern_invalid']],
  ['config-min-above-max', ['config.min_above_max']],
  ['config-duplicate-key', ['config.duplicate_key']],
  ['config-unknown-type', ['schema.invalid_value']],
  ['config-range-type-mismatch', ['config.range_type']],
  ['config-field-not-allowed', ['config.field_not_allowed']],
  ['multichoice-without-range', ['config.multichoice_without_range']],
  ['template-syntax-error', ['template.syntax']],
  ['template-unknown-reference', ['template.unknown_reference', 'template.unknown_reference']],
  ['template-logic-rejected', ['template.syntax']],
  ['template-group-in-string', ['template.not_text']],
  ['duplicate-role-names', ['role.duplicate']],
  ['role-replica-suffix', ['role.reserved_suffix']],
  ['role-less-multiple-roles', ['role.missing_name']],
  ['no-nodes', ['role.no_nodes']],
  ['server-id-bound-exceeded', ['role.server_id_bound']],
  ['custom-action-without-type', ['service.custom_without_type']],
  ['type-on-builtin-hook', ['service.type_on_builtin']],
  ['hook-flag-not-allowed', ['service.flag_not_allowed', 'service.flag_not_allowed']],
  ['hook-timeout-too-long', ['schema.too_big']],
  ['display-tab-unknown-role', ['hook.unknown_role']],
  ['endpoint-unknown-role', ['hook.unknown_role']],
  ['endpoint-unknown-env', ['endpoint.unknown_env']],
  ['health-check-timeout-above-interval', ['health.timeout_above_interval']],
  ['monitor-unknown-item', ['monitor.unknown_item']],
  ['monitor-alarm-on-text', ['monitor.alarm_not_numeric']],
  ['backup-custom-without-hook', ['backup.missing_hook']],
  ['upgrade-policy-newer-version', ['upgrade.not_older', 'upgrade.not_older']],
  ['upgrade-policy-invalid-version', ['upgrade.invalid_version']],
  ['config-template-missing-source', ['template_file.missing']],
  ['config-template-syntax-error', ['template_file.syntax']],
  ['config-template-unknown-helper', ['template_file.unknown_helper']],
  ['config-template-partial', ['template_file.partial']],
  ['hook-script-missing', ['hook.missing_file']],
  ['hook-script-not-executable', ['hook.not_executable']],
  ['locale-not-flat', ['locale.invalid']],
  ['missing-readme', []],
  ['unused-config-param', []],
  ['many-problems-at-once', ['package.invalid_version', 'values.step', 'template.unknown_reference', 'role.reserved_suffix', 'hook.not_executable']],
];

describe('lint over fixtures named after their case', () => {
  it.each(CASES)('%s', (fixture, errors) => {
    const problems = lintPackage(readFixture(fixture));
    expect(codesOf(problems)).toEqual(errors);
    for (const problem of problems) {
      expect(problem).toMatchObject({ severity: expect.stringMatching(/^(error|warning)$/), file: expect.any(String), path: expect.any(String), code: expect.any(String), message: expect.any(String) });
    }
  });
});

function problemOf(problems: readonly PackageProblem[], code: string): PackageProblem {
  const problem = problems.find((candidate) => candidate.code === code);
  if (!problem) throw new Error(`no ${code} among ${problems.map((p) => p.code).join(', ')}`);
  return problem;
}

describe('what lint says about each problem', () => {
  it.each([
    ['bad-json-config', 'json.syntax', 'config.json', '$', /^line 15, column 67: expected "," or "}"/],
    ['template-syntax-error', 'template.syntax', 'cluster.json.tmpl', '$', /^line 15, column \d+:/],
    ['duplicate-json-key', 'json.duplicate_key', 'package.json', 'version', /^line 5, column 3:/],
    ['unknown-field-in-role', 'schema.unknown_field', 'cluster.json.tmpl', 'nodes[0].cpu_model', /^line 14, column \d+: unknown field "cpu_model"/],
    ['hook-timeout-too-long', 'schema.too_big', 'cluster.json.tmpl', 'nodes[0].services.init.timeout', /^line \d+, column \d+:/],
    ['template-unknown-reference', 'template.unknown_reference', 'cluster.json.tmpl', 'cluster.zk.cnt', /\{\{cluster\.zk\.cnt\}\} does not name a value/],
    ['custom-action-without-type', 'service.custom_without_type', 'cluster.json.tmpl', 'nodes[0].services.compact', /"compact" is not a built-in hook/],
    ['config-default-out-of-range', 'values.not_in_range', 'config.json', 'cluster.zk.count', /not one of the allowed values/],
    ['snake-and-camel-conflict', 'keys.conflict', 'cluster.json.tmpl', 'nodes[0].serverIdUpperBound', /"server_id_upper_bound" and "serverIdUpperBound"/],
    ['hook-script-not-executable', 'hook.not_executable', 'cluster.json.tmpl', 'nodes[0].services.init.cmd', /files\/bin\/ctl\.sh directly/],
  ])('%s: %s in %s at %s', (fixture, code, file, path, message) => {
    const problem = problemOf(lintPackage(readFixture(fixture)), code);
    expect(problem).toMatchObject({ severity: 'error', file, path });
    expect(problem.message).toMatch(message);
  });

  it('reports the expected and the found value of a schema violation', () => {
    const problem = problemOf(lintPackage(readFixture('hook-timeout-too-long')), 'schema.too_big');
    expect(problem).toMatchObject({ expected: '<= 86400', found: 90000 });
  });

  it('names the versions it knows when an upgrade policy names another', () => {
    const problems = lintPackage(readFixture('valid-appcenter-dialect'), { knownVersions: ['1.9.3', '2.0.1'] });
    expect(codesOf(problems)).toEqual(['upgrade.unknown_version']);
    expect(problemOf(problems, 'upgrade.unknown_version')).toMatchObject({ path: 'upgradePolicy[0]', found: '2.0.0', expected: 'one of 1.9.3, 2.0.1' });
  });

  it.each([
    ['missing-readme', 'file.readme_missing'],
    ['unused-config-param', 'config.unused'],
  ])('%s is only a warning (%s)', (fixture, code) => {
    const problems = lintPackage(readFixture(fixture));
    expect(problemOf(problems, code).severity).toBe('warning');
    expect(inspectPackage(readFixture(fixture)).model).toBeDefined();
  });
});

describe('fields the platform does not act on', () => {
  it('refuses each one at the path the author wrote, in either spelling', () => {
    const problems = lintPackage(readFixture('unsupported-fields'));
    expect(problems.filter((problem) => problem.severity === 'error').map(({ code, path }) => ({ code, path }))).toEqual(
      [
        'vxnet',
        'endpoints.reserved_ips',
        'backup_policy',
        'incremental_backup_supported',
        'advanced_actions[1]',
        'advancedServices',
        'metadata_root_access',
        'display_tabs',
        'multiZonePolicy',
        'nodes[0].instance_class',
        'nodes[1].instanceClass',
        'nodes[0].gpu_class',
        'nodes[1].gpuClass',
        'nodes[0].instance_type',
        'nodes[1].instanceType',
        'nodes[0].instance_size',
        'nodes[1].instanceSize',
        'nodes[0].volume.mount_options',
        'nodes[1].volume.mountOptions',
        'nodes[0].volume.class',
        'nodes[1].volume.class',
        // Only where written: the schema's default (ext4) is in every parsed blueprint.
        'nodes[0].volume.filesystem',
        'nodes[0].user_access',
        'nodes[1].userAccess',
        'nodes[0].loadbalancer',
        'nodes[1].loadbalancer',
        'nodes[0].advanced_actions[0]',
        'nodes[1].advancedActions[1]',
      ].map((path) => ({ code: 'field.unsupported', path })),
    );
  });

  it('says the platform does not act on the field and shows what was written', () => {
    const problem = problemOf(lintPackage(readFixture('unsupported-fields')), 'field.unsupported');
    expect(problem).toMatchObject({ severity: 'error', file: 'cluster.json.tmpl', path: 'vxnet', found: 'vxnet-1' });
    expect(problem.message).toMatch(/^line 4, column \d+: is not supported: the platform does not act on it \(.+\); remove it$/);
  });
});

describe('lint rules built in the test (sizes that do not belong in a fixture)', () => {
  const base = () => readFixture('valid-openpitrix-dialect');

  it.each([
    ['a delivered file above 256 KiB', () => withFile(base(), 'files/data/big.bin', 'x'.repeat(FILES_DIR_LIMITS.maxFileBytes + 1)), ['files.too_large']],
    [
      'a files/ folder above 4 MiB in total',
      () => Array.from({ length: 17 }, (_, i) => i).reduce((files, i) => withFile(files, `files/data/part-${i}.bin`, 'x'.repeat(250 * 1024)), base()),
      ['files.total_too_large'],
    ],
    ['a path that leaves the package', () => withFile(base(), '../outside.txt', 'x'), ['files.unsafe_path']],
    ['an absolute path', () => withFile(base(), '/etc/passwd', 'x'), ['files.unsafe_path']],
    ['the same path twice', () => [...base(), ...base().filter((file) => file.path === 'README.md')], ['files.duplicate']],
  ])('%s', (_name, build, errors) => {
    expect(codesOf(lintPackage(build()))).toEqual(errors);
  });
});

describe('parsePackage', () => {
  it('returns the model with its warnings for a valid package', () => {
    const parsed = parsePackage(readFixture('unused-config-param'));
    expect(parsed.metadata).toMatchObject({ name: 'zookeeper', version: '1.0.0', appVersion: '3.4.14', apiVersion: 'v1' });
    expect(codesOf(parsed.warnings, { warnings: true })).toEqual(['config.unused']);
  });

  it('throws PACKAGE.INVALID carrying every error', () => {
    let thrown: unknown;
    try {
      parsePackage(readFixture('many-problems-at-once'));
    } catch (err) {
      thrown = err;
    }
    expect(hasErrorCode(thrown, 'PACKAGE.INVALID')).toBe(true);
    expect(codesOf((thrown as { problems: PackageProblem[] }).problems)).toHaveLength(5);
  });
});
