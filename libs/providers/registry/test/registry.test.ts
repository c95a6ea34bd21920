import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { createProviderRegistry, KNOWN_PROVIDERS } from '../src/index.js';

const settings = { enabled: ['local'], localRoot: '/tmp/pitrix-registry-test', localDroneEntry: '/x/drone.js', localFrontgateEntry: '/x/fg.js', localBinPaths: [] };

describe('provider registry', () => {
  it('builds the enabled providers and finds them by name', () => {
    const registry = createProviderRegistry(settings);
    expect(registry.names()).toEqual(['local']);
    expect(registry.get('local').requiresCredential).toBe(false);
    expect(KNOWN_PROVIDERS).toEqual(['aws', 'kubernetes', 'local']);
    expect(createProviderRegistry({ ...settings, enabled: ['local', 'aws'] }).get('aws').requiresCredential).toBe(true);
  });

  it('builds the kubernetes provider with the configured helm, as a provider of kind kubernetes', () => {
    const registry = createProviderRegistry({ ...settings, enabled: ['local', 'kubernetes'], helmBinary: '/opt/helm' });
    expect(registry.kubernetes('kubernetes').kind).toBe('kubernetes');
    expect(registry.machines('local').kind).toBe('machines');
  });

  it('the kubernetes provider without a helm binary is CONFIG.INVALID naming PITRIX_HELM_BINARY, only when enabled', () => {
    let error: unknown;
    try {
      createProviderRegistry({ ...settings, enabled: ['kubernetes'] });
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'CONFIG.INVALID')).toBe(true);
    expect((error as Error).message).toContain('PITRIX_HELM_BINARY');
    expect(createProviderRegistry(settings).names()).toEqual(['local']);
  });

  it('an unknown name in the configuration is CONFIG.INVALID naming PITRIX_PROVIDERS', () => {
    let error: unknown;
    try {
      createProviderRegistry({ ...settings, enabled: ['local', 'openstack'] });
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'CONFIG.INVALID')).toBe(true);
    expect((error as Error).message).toContain('PITRIX_PROVIDERS: unknown provider(s) openstack');
  });

  it('looking up a provider that is not registered is RUNTIME.PROVIDER_UNKNOWN naming it', () => {
    let error: unknown;
    try {
      createProviderRegistry(settings).get('qingcloud');
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'RUNTIME.PROVIDER_UNKNOWN')).toBe(true);
    expect((error as Error).message).toContain('"qingcloud"');
  });
});
