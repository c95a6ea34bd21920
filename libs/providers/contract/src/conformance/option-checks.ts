import { hasErrorCode } from '@pitrix/errors';
import { expect, it } from 'vitest';
import type { ProviderContext } from '../contract.js';
import { declaredOptionKeys, getOption, matchesOptionType, optionDefaults, PROVIDER_OPTION_TYPES, setOption, type ProviderOptionField } from '../option-fields.js';

/** What the option checks need of a provider under test, read once the suite's setup has run. */
export interface OptionsUnderTest {
  readonly optionFields: readonly ProviderOptionField[];
  readonly context: ProviderContext;
  connect(context: ProviderContext): Promise<{ close(): Promise<void> }>;
}

/**
 * Registers the option tests every provider kind's suite runs: options described truthfully, a
 * session opening on the declared defaults, and an undescribed option refused.
 */
export function describeOptionChecks(current: () => OptionsUnderTest): void {
  it('describes every runtime option: a unique key, a label, a description, a known type, a default of that type', () => {
    expectOptionFieldsDescribed(current().optionFields, current().context.options);
  });

  it('its declared defaults parse: a session opens on them alone (plus the required options)', async () => {
    const { optionFields, context, connect } = current();
    const withDefaults = await connect({ ...context, runtimeId: `${context.runtimeId}-defaults`, options: defaultOptions(optionFields, context.options) });
    await withDefaults.close();
  });

  it('an option it does not describe is RUNTIME.OPTIONS_INVALID naming it', async () => {
    const { context, connect } = current();
    await expectUndescribedOptionRefused(connect, context);
  });
}

/**
 * Checks that every runtime option is described: a unique key, a label, a description, a known
 * type, a default of that type (none when required), and that what the test context configures
 * is among them. Shared by every provider kind's conformance suite.
 */
export function expectOptionFieldsDescribed(fields: readonly ProviderOptionField[], contextOptions: Readonly<Record<string, unknown>>): void {
  expect(fields.length).toBeGreaterThan(0);
  expect(new Set(fields.map((field) => field.key)).size).toBe(fields.length);
  for (const field of fields) {
    expect(field.key, 'a key of letters and digits, dots nesting').toMatch(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/);
    expect(field.label.trim(), `${field.key}: label`).not.toBe('');
    expect(field.description.trim(), `${field.key}: description`).not.toBe('');
    expect(PROVIDER_OPTION_TYPES, `${field.key}: type`).toContain(field.type);
    if (field.required) expect(field.default, `${field.key}: a required option has no default`).toBeUndefined();
    if (field.default !== undefined) expect(matchesOptionType(field.type, field.default), `${field.key}: default of type ${field.type}`).toBe(true);
  }
  // What the test context configures is described too.
  expect(declaredOptionKeys(fields)).toEqual(expect.arrayContaining(Object.keys(contextOptions)));
}

/** The declared defaults, plus the context's value of every required option. */
export function defaultOptions(fields: readonly ProviderOptionField[], contextOptions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const options = optionDefaults(fields);
  for (const field of fields.filter((f) => f.required)) setOption(options, field.key, getOption(contextOptions, field.key));
  return options;
}

/** Checks that connecting with an option the provider does not describe is `RUNTIME.OPTIONS_INVALID` naming it. */
export async function expectUndescribedOptionRefused(connect: (context: ProviderContext) => Promise<unknown>, context: ProviderContext): Promise<void> {
  const options = { ...context.options, undescribedOption: 1 };
  const error = await connect({ ...context, options }).catch((err: unknown) => err);
  expect(hasErrorCode(error, 'RUNTIME.OPTIONS_INVALID')).toBe(true);
  expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toContain('options.undescribedOption');
}
