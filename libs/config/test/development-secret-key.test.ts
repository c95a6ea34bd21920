import { describe, expect, it } from 'vitest';
import { isPitrixError } from '@pitrix/errors';
import { loadApiConfig, loadWorkerConfig, refuseDevelopmentSecretKey } from '../src/index.js';

const realKey = `prod-1:${Buffer.alloc(32, 7).toString('base64')}`;
const developmentKey = 'DpoFFeiMPxQeBtPa+G6GdD3EseAwyVoK/WN9q+Ru9Pc=';

function refusal(run: () => void): { code: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (isPitrixError(err)) return { code: err.code, message: err.message };
    throw err;
  }
}

describe('refuseDevelopmentSecretKey', () => {
  it.each([
    ['the API with the default key', () => loadApiConfig({}), 'CONFIG.DEFAULT_SECRET_KEY'],
    ['the worker with the default key', () => loadWorkerConfig({}), 'CONFIG.DEFAULT_SECRET_KEY'],
    ['the default key renamed', () => loadApiConfig({ PITRIX_SECRET_KEYS: `prod-1:${developmentKey}` }), 'CONFIG.DEFAULT_SECRET_KEY'],
    ['the API in development mode', () => loadApiConfig({ PITRIX_DEV_MODE: 'true' }), undefined],
    ['the worker in development mode', () => loadWorkerConfig({ PITRIX_DEV_MODE: 'true' }), undefined],
    ['a real key', () => loadApiConfig({ PITRIX_SECRET_KEYS: realKey }), undefined],
    ['a real key before the development key (rotating away from it)', () => loadWorkerConfig({ PITRIX_SECRET_KEYS: `${realKey},dev-1:${developmentKey}` }), undefined],
  ])('%s', (_case, load, code) => {
    const config = load();
    const devMode = 'auth' in config ? config.auth.devMode : config.installation.devMode;
    expect(refusal(() => refuseDevelopmentSecretKey({ keys: config.secrets.keys, devMode }))?.code).toBe(code);
  });

  it('names the setting and how to make a key, never the key', () => {
    const found = refusal(() => refuseDevelopmentSecretKey({ keys: loadApiConfig({}).secrets.keys, devMode: false }));
    expect(found?.message).toContain('PITRIX_SECRET_KEYS');
    expect(found?.message).toContain('id:base64(32 bytes)');
    expect(found?.message).toContain('openssl rand -base64 32');
    expect(found?.message).not.toContain(developmentKey);
  });
});
