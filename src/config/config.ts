/**
 * Reads the gateway's configuration from environment variables. Every variable is validated at
 * start, and a rejection names the variable, the value and the fix.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { ConfigError, type ConfigIssue } from '../errors/config-error.js';

export type Role = 'client' | 'internal';

/** One API key from configuration. */
export interface ApiKeyEntry {
  readonly role: Role;
  readonly key: string;
}

/** The validated configuration. */
export interface GatewayConfig {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly apiKeys: readonly ApiKeyEntry[];
  /** True when no keys were configured and fresh ones were generated for this run. */
  readonly generatedKeys: boolean;
  readonly catalogPath: string | undefined;
  readonly dataDir: string;
  readonly workflowsDir: string | undefined;
  readonly workflowsCatalogPath: string | undefined;
  readonly modal: {
    readonly workspace: string | undefined;
    readonly urlPattern: string | undefined;
    /** One origin that replaces every app's origin, such as the emulator's. */
    readonly originOverride: string | undefined;
    readonly proxyAuth: { readonly key: string; readonly secret: string } | undefined;
  };
  /** Per-endpoint client deadlines in seconds, keyed by path. */
  readonly endpointDeadlines: ReadonlyMap<string, number>;
  /** Per-app concurrency limits, keyed by app name. */
  readonly appConcurrency: ReadonlyMap<string, number>;
  readonly maxImageBytes: number;
  readonly maxVideoBytes: number;
  readonly logLevel: string;
  readonly limits: {
    /** Generations one key may create per minute. */
    readonly generationsPerMinute: number;
    /** Generations one key may have queued or running at once. */
    readonly maxInFlightPerKey: number;
    /** Deepest field nesting in one operation. */
    readonly maxOperationDepth: number;
    /** Aliased fields in one operation. */
    readonly maxOperationAliases: number;
    /** Lexical tokens in one GraphQL document. */
    readonly maxOperationTokens: number;
    /** Distinct root fields in one operation. */
    readonly maxOperationRootFields: number;
    /** Directives in one operation. */
    readonly maxOperationDirectives: number;
    /** `createGeneration` calls in one operation. */
    readonly maxGenerationsPerOperation: number;
  };
  readonly probeCacheSeconds: number;
}

const KEY_PATTERN = /^[A-Za-z0-9._~+/=-]{16,256}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Builds the configuration from `env`.
 *
 * @throws ConfigError listing every invalid variable at once.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): GatewayConfig {
  const issues: ConfigIssue[] = [];
  const production = env.NODE_ENV === 'production';

  const host = env.HOST?.trim() || '127.0.0.1';
  const port = readInteger(env, 'PORT', 4000, 0, 65535, issues);

  let apiKeys = parseApiKeys(env.GATEWAY_API_KEYS, issues);
  let generatedKeys = false;
  if (apiKeys.length === 0 && issues.length === 0) {
    if (production) {
      issues.push({
        path: 'GATEWAY_API_KEYS',
        message:
          'no API keys are configured and NODE_ENV is production; set GATEWAY_API_KEYS to comma-separated role:key entries, e.g. "client:<32 random characters>,internal:<32 random characters>" (generate each with `openssl rand -hex 32`)',
      });
    } else {
      apiKeys = [
        { role: 'client', key: randomBytes(24).toString('base64url') },
        { role: 'internal', key: randomBytes(24).toString('base64url') },
      ];
      generatedKeys = true;
    }
  }

  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || 'data');
  const workflowsDir = optionalPath(env.WORKFLOWS_DIR, cwd);
  const workflowsCatalogPath = optionalPath(env.WORKFLOWS_CATALOG_PATH, cwd);

  const originOverride = readOrigin(env, 'MODAL_ORIGIN_OVERRIDE', issues);
  const proxyKey = env.MODAL_PROXY_KEY?.trim();
  const proxySecret = env.MODAL_PROXY_SECRET?.trim();
  if (Boolean(proxyKey) !== Boolean(proxySecret)) {
    issues.push({
      path: proxyKey ? 'MODAL_PROXY_SECRET' : 'MODAL_PROXY_KEY',
      message: 'Modal proxy auth needs both MODAL_PROXY_KEY and MODAL_PROXY_SECRET; set both or neither',
    });
  }
  const urlPattern = env.MODAL_URL_PATTERN?.trim() || undefined;
  if (urlPattern !== undefined && !urlPattern.includes('{app}')) {
    issues.push({ path: 'MODAL_URL_PATTERN', message: 'the pattern must contain "{app}", e.g. "https://{workspace}--{app}-comfyui-fastapi-app.modal.run"', value: urlPattern });
  }

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    issues.push({ path: 'LOG_LEVEL', message: `expected one of ${LOG_LEVELS.join(', ')}`, value: logLevel });
  }

  const config: GatewayConfig = {
    production,
    host,
    port,
    apiKeys,
    generatedKeys,
    catalogPath: optionalPath(env.CATALOG_PATH, cwd),
    dataDir,
    workflowsDir,
    workflowsCatalogPath,
    modal: {
      workspace: env.MODAL_WORKSPACE?.trim() || undefined,
      urlPattern,
      originOverride,
      proxyAuth: proxyKey && proxySecret ? { key: proxyKey, secret: proxySecret } : undefined,
    },
    endpointDeadlines: parseNumberMap(env, 'ENDPOINT_DEADLINE_SECONDS', /^\/[A-Za-z0-9._-]+$/, issues),
    appConcurrency: parseNumberMap(env, 'APP_CONCURRENCY', /^[A-Za-z0-9._-]+$/, issues),
    maxImageBytes: readInteger(env, 'MAX_IMAGE_BYTES', 20 * 1024 * 1024, 1024, 512 * 1024 * 1024, issues),
    maxVideoBytes: readInteger(env, 'MAX_VIDEO_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024, issues),
    logLevel,
    limits: {
      generationsPerMinute: readInteger(env, 'GENERATIONS_PER_MINUTE', 30, 1, 100_000, issues),
      maxInFlightPerKey: readInteger(env, 'MAX_IN_FLIGHT_PER_KEY', 10, 1, 100_000, issues),
      maxOperationDepth: readInteger(env, 'MAX_OPERATION_DEPTH', 12, 2, 100, issues),
      maxOperationAliases: readInteger(env, 'MAX_OPERATION_ALIASES', 15, 0, 1000, issues),
      maxOperationTokens: readInteger(env, 'MAX_OPERATION_TOKENS', 2000, 500, 100_000, issues),
      maxOperationRootFields: readInteger(env, 'MAX_OPERATION_ROOT_FIELDS', 10, 1, 100, issues),
      maxOperationDirectives: readInteger(env, 'MAX_OPERATION_DIRECTIVES', 20, 0, 1000, issues),
      maxGenerationsPerOperation: readInteger(env, 'MAX_GENERATIONS_PER_OPERATION', 1, 1, 10, issues),
    },
    probeCacheSeconds: readInteger(env, 'PROBE_CACHE_SECONDS', 30, 0, 86_400, issues),
  };

  if (issues.length > 0) {
    throw new ConfigError('the environment', issues);
  }
  return config;
}

/**
 * Parses `GATEWAY_API_KEYS`: comma-separated `role:key` entries with role `client` or `internal`.
 * Issues never include the key itself.
 */
export function parseApiKeys(value: string | undefined, issues: ConfigIssue[]): ApiKeyEntry[] {
  if (value === undefined || value.trim() === '') {
    return [];
  }
  const entries: ApiKeyEntry[] = [];
  const seen = new Set<string>();
  value.split(',').forEach((rawEntry, index) => {
    const entry = rawEntry.trim();
    const at = `GATEWAY_API_KEYS entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) {
      issues.push({ path: at, message: 'expected "role:key", e.g. "client:<key>"' });
      return;
    }
    const role = entry.slice(0, separator).trim();
    const key = entry.slice(separator + 1).trim();
    if (role !== 'client' && role !== 'internal') {
      issues.push({ path: at, message: 'the role must be "client" or "internal"', value: role });
      return;
    }
    if (!KEY_PATTERN.test(key)) {
      issues.push({
        path: at,
        message: `the ${role} key must be 16 to 256 characters from A-Z a-z 0-9 . _ ~ + / = - (key not shown)`,
      });
      return;
    }
    if (seen.has(key)) {
      issues.push({ path: at, message: 'the same key appears twice; each key must be unique (key not shown)' });
      return;
    }
    seen.add(key);
    entries.push({ role, key });
  });
  return entries;
}

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  issues: ConfigIssue[],
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    issues.push({ path: name, message: `expected a whole number from ${min} to ${max}`, value: raw });
    return fallback;
  }
  return Number(raw);
}

function readOrigin(env: NodeJS.ProcessEnv, name: string, issues: ConfigIssue[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) {
    return undefined;
  }
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash) {
      throw new Error('not an origin');
    }
    return url.origin;
  } catch {
    issues.push({ path: name, message: 'expected an origin such as "http://127.0.0.1:8001" (scheme, host and port, no path)', value: raw });
    return undefined;
  }
}

function optionalPath(value: string | undefined, cwd: string): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? path.resolve(cwd, trimmed) : undefined;
}

function parseNumberMap(
  env: NodeJS.ProcessEnv,
  name: string,
  keyPattern: RegExp,
  issues: ConfigIssue[],
): Map<string, number> {
  const map = new Map<string, number>();
  const raw = env[name]?.trim();
  if (!raw) {
    return map;
  }
  for (const entry of raw.split(',')) {
    const [key, value, ...rest] = entry.split('=').map((part) => part.trim());
    if (!key || value === undefined || rest.length > 0 || !keyPattern.test(key) || !/^[0-9]+$/.test(value) || Number(value) < 1) {
      issues.push({ path: name, message: 'expected comma-separated name=positive-integer entries, e.g. "/flux=600,/wan2.6=1500"', value: entry });
      continue;
    }
    map.set(key, Number(value));
  }
  return map;
}
