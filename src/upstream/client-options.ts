/**
 * Validation and defaults for {@link ModalClientOptions}.
 */
import type { ModalClientOptions, UpstreamEvent } from './client-types.js';
import { resolveRetryOptions, type RetryOptions } from './retry-policy.js';

/** Seconds after which Modal cuts a web request and responds with a 303 to a result URL. */
export const DEFAULT_REQUEST_CAP_SECONDS = 150;
/** Slack added to the request cap before a silent response counts as stalled. */
export const STALL_MARGIN_SECONDS = 30;
/** Modal's per-container input limit of the gateway's apps. */
export const DEFAULT_CONNECTIONS = 5;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** 48 GETs of up to 150 s each cover two hours, beyond the apps' 1800 s server timeout plus queueing. */
export const DEFAULT_MAX_HOPS = 48;
/** Maximum bytes kept of an error body. The detail text is cut further, to 4 KB. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface ResolvedClientOptions {
  resolveOrigin: (app: string) => string;
  connectionsFor: (app: string) => number;
  /** `Modal-Key` and `Modal-Secret`, or nothing. */
  authHeaders: Record<string, string>;
  maxResponseBytes: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  connectTimeoutMs: number;
  maxHops: number;
  retry: RetryOptions;
  emit: (event: UpstreamEvent) => void;
}

/** Checks the options and fills in defaults. Throws a TypeError that names the invalid option. */
export function resolveClientOptions(options: ModalClientOptions): ResolvedClientOptions {
  if (typeof options.resolveOrigin !== 'function') {
    throw new TypeError('Missing option resolveOrigin: expected a function from app name to origin, such as app => buildModalOrigin(pattern, "ryla", app).');
  }

  const requestCapSeconds = options.requestCapSeconds ?? DEFAULT_REQUEST_CAP_SECONDS;
  requirePositive('requestCapSeconds', requestCapSeconds);
  const stallLimitMs = (requestCapSeconds + STALL_MARGIN_SECONDS) * 1000;

  const resolved: ResolvedClientOptions = {
    resolveOrigin: options.resolveOrigin,
    connectionsFor: resolveConnections(options.connections),
    authHeaders: resolveAuthHeaders(options.proxyAuth),
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    headersTimeoutMs: options.headersTimeoutMs ?? stallLimitMs,
    bodyTimeoutMs: options.bodyTimeoutMs ?? stallLimitMs,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxHops: options.maxHops ?? DEFAULT_MAX_HOPS,
    retry: resolveRetryOptions(options.retry),
    emit: wrapEventHook(options.onEvent),
  };

  requirePositiveInteger('maxResponseBytes', resolved.maxResponseBytes);
  requirePositive('headersTimeoutMs', resolved.headersTimeoutMs);
  requirePositive('bodyTimeoutMs', resolved.bodyTimeoutMs);
  requirePositive('connectTimeoutMs', resolved.connectTimeoutMs);
  requirePositiveInteger('maxHops', resolved.maxHops);
  return resolved;
}

function resolveConnections(connections: ModalClientOptions['connections']): (app: string) => number {
  if (typeof connections === 'function') {
    return (app) => {
      const value = connections(app);
      requirePositiveInteger(`connections("${app}")`, value);
      return value;
    };
  }
  const value = connections ?? DEFAULT_CONNECTIONS;
  requirePositiveInteger('connections', value);
  return () => value;
}

/** Builds the proxy auth headers. Error messages name the field but never include its value. */
function resolveAuthHeaders(proxyAuth: ModalClientOptions['proxyAuth']): Record<string, string> {
  if (proxyAuth === undefined) {
    return {};
  }
  for (const field of ['key', 'secret'] as const) {
    const value = proxyAuth[field];
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`Invalid proxyAuth.${field}: expected a non-empty string from the Modal proxy auth token.`);
    }
    if (!/^[\x21-\x7e]+$/.test(value)) {
      throw new TypeError(
        `Invalid proxyAuth.${field}: expected printable ASCII without spaces or line breaks. Copy the token again from Modal.`,
      );
    }
  }
  return { 'modal-key': proxyAuth.key, 'modal-secret': proxyAuth.secret };
}

function wrapEventHook(onEvent: ModalClientOptions['onEvent']): (event: UpstreamEvent) => void {
  if (onEvent === undefined) {
    return () => undefined;
  }
  return (event) => {
    try {
      onEvent(event);
    } catch {
      // A failing metrics hook must not fail a job that may already have cost GPU time.
    }
  };
}

function requirePositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`Invalid option ${name} ${String(value)}: expected a positive finite number.`);
  }
}

function requirePositiveInteger(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`Invalid option ${name} ${String(value)}: expected a positive integer.`);
  }
}
