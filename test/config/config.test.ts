import { describe, expect, it } from 'vitest';

import { loadCatalog } from '../../src/catalog/catalog.js';
import { buildEndpointRuntime } from '../../src/catalog/runtime.js';
import { readConfig } from '../../src/config/config.js';
import { describeConfig } from '../../src/config/describe.js';
import { ConfigError } from '../../src/errors/config-error.js';

const CLIENT_KEY = 'client-key-0123456789abcdef';
const INTERNAL_KEY = 'internal-key-0123456789abcdef';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readConfig(env, '/tmp');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected readConfig to throw');
}

describe('readConfig', () => {
  it('uses documented defaults', () => {
    const config = readConfig({ GATEWAY_API_KEYS: `client:${CLIENT_KEY}` }, '/srv');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.dataDir).toBe('/srv/data');
    expect(config.generatedKeys).toBe(false);
  });

  it('parses role:key entries', () => {
    const config = readConfig({ GATEWAY_API_KEYS: `client:${CLIENT_KEY}, internal:${INTERNAL_KEY}` }, '/tmp');
    expect(config.apiKeys).toEqual([
      { role: 'client', key: CLIENT_KEY },
      { role: 'internal', key: INTERNAL_KEY },
    ]);
  });

  it('generates keys outside production', () => {
    const config = readConfig({}, '/tmp');
    expect(config.generatedKeys).toBe(true);
    expect(config.apiKeys.map((entry) => entry.role)).toEqual(['client', 'internal']);
    expect(config.apiKeys[0]?.key).not.toBe(config.apiKeys[1]?.key);
  });

  it('refuses production without keys and says how to set them', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.issues[0]?.path).toBe('GATEWAY_API_KEYS');
    expect(error.message).toContain('client:');
    expect(error.message).toContain('openssl rand');
  });

  it('rejects an unknown role without showing the key', () => {
    const error = configError({ GATEWAY_API_KEYS: `admin:${CLIENT_KEY}` });
    expect(error.issues[0]?.path).toBe('GATEWAY_API_KEYS entry 1');
    expect(error.issues[0]?.value).toBe('admin');
    expect(error.message).not.toContain(CLIENT_KEY);
  });

  it('rejects a short key without showing it', () => {
    const error = configError({ GATEWAY_API_KEYS: 'client:short' });
    expect(error.message).toContain('16 to 256 characters');
    expect(error.message).not.toContain('short"');
  });

  it('rejects a duplicate key', () => {
    const error = configError({ GATEWAY_API_KEYS: `client:${CLIENT_KEY},internal:${CLIENT_KEY}` });
    expect(error.issues[0]?.message).toMatch(/appears twice/);
  });

  it('rejects a bad port with the value', () => {
    const error = configError({ PORT: 'eighty' });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'PORT', value: 'eighty' })]);
  });

  it('rejects an origin override with a path', () => {
    const error = configError({ MODAL_ORIGIN_OVERRIDE: 'http://127.0.0.1:8001/api' });
    expect(error.issues[0]?.path).toBe('MODAL_ORIGIN_OVERRIDE');
  });

  it('requires both proxy auth parts', () => {
    const error = configError({ MODAL_PROXY_KEY: 'wk-123' });
    expect(error.issues[0]?.path).toBe('MODAL_PROXY_SECRET');
  });

  it('redacts keys and proxy auth in the printed form', () => {
    const config = readConfig({ GATEWAY_API_KEYS: `client:${CLIENT_KEY}`, MODAL_PROXY_KEY: 'wk-secretkey', MODAL_PROXY_SECRET: 'ws-secretvalue' }, '/tmp');
    const printed = JSON.stringify(describeConfig(config));
    expect(printed).not.toContain(CLIENT_KEY);
    expect(printed).not.toContain('ws-secretvalue');
    expect(printed).not.toContain('wk-secretkey');
    expect(printed).toContain('"client":1');
  });
});

describe('endpoint runtime', () => {
  const catalog = loadCatalog();

  it('builds origins from the workspace pattern', () => {
    const runtime = buildEndpointRuntime(catalog, readConfig({}, '/tmp'));
    expect(runtime.endpoints.get('/flux-dev')?.origin).toBe('https://ryla--ryla-flux-comfyui-fastapi-app.modal.run');
  });

  it('points every app at the override origin', () => {
    const runtime = buildEndpointRuntime(catalog, readConfig({ MODAL_ORIGIN_OVERRIDE: 'http://127.0.0.1:8001' }, '/tmp'));
    expect(new Set([...runtime.apps.values()].map((app) => app.origin))).toEqual(new Set(['http://127.0.0.1:8001']));
  });

  it('keeps default deadlines below the server timeout', () => {
    const runtime = buildEndpointRuntime(catalog, readConfig({}, '/tmp'));
    for (const dispatch of runtime.endpoints.values()) {
      expect(dispatch.deadlineSeconds, dispatch.endpoint.path).toBeLessThan(dispatch.app.serverTimeoutSeconds);
    }
  });

  it('refuses a deadline at the server timeout', () => {
    const config = readConfig({ ENDPOINT_DEADLINE_SECONDS: '/flux=1800' }, '/tmp');
    expect(() => buildEndpointRuntime(catalog, config)).toThrow(/deadline for \/flux must be below its app's server timeout of 1800 s/);
  });

  it('refuses a deadline for an unknown endpoint', () => {
    const config = readConfig({ ENDPOINT_DEADLINE_SECONDS: '/nope=10' }, '/tmp');
    expect(() => buildEndpointRuntime(catalog, config)).toThrow(/ENDPOINT_DEADLINE_SECONDS: unknown endpoint path/);
  });

  it('applies per-app concurrency', () => {
    const runtime = buildEndpointRuntime(catalog, readConfig({ APP_CONCURRENCY: 'ryla-flux=2' }, '/tmp'));
    expect(runtime.apps.get('ryla-flux')?.concurrency).toBe(2);
    expect(runtime.apps.get('ryla-wan26')?.concurrency).toBe(5);
  });
});
