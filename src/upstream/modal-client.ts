/**
 * The Modal upstream client: one undici Pool per Modal app, `submit` and `resume` calls that
 * follow 303 result URLs without re-sending the POST, and a `/health` probe.
 */
import { Agent, Pool } from 'undici';

import { createCallGuard } from './call-guard.js';
import { resolveClientOptions, type ResolvedClientOptions } from './client-options.js';
import type { HealthProbe, ModalClient, ModalClientOptions, ResumeRequest, SubmitRequest, UpstreamResult } from './client-types.js';
import { exchange, ExchangeFailure } from './exchange.js';
import { ModalCall, type CallTarget } from './modal-call.js';
import { normalizeOrigin } from './modal-origin.js';
import { UpstreamError } from './upstream-error.js';

const DEFAULT_PROBE_TIMEOUT_MS = 5000;
const MAX_PROBE_BODY_BYTES = 64 * 1024;

/**
 * Creates a Modal client. Pools are created on first use of each app and live until `close` or
 * `destroy`. Throws a TypeError naming the option when an option is invalid.
 */
export function createModalClient(options: ModalClientOptions): ModalClient {
  const resolved = resolveClientOptions(options);
  const pools = new AppPools(resolved);
  // Probes get their own dispatcher, so a pool busy with long result-URL waits cannot delay them.
  const probeAgent = new Agent({ connections: 1, connect: { timeout: resolved.connectTimeoutMs } });

  return {
    submit: (request) => submit(pools, resolved, request),
    resume: (request) => resume(pools, resolved, request),
    probeHealth: (app, probeOptions) => probeHealth(pools, resolved, probeAgent, app, probeOptions?.timeoutMs),
    close: async () => {
      pools.closed = true;
      await Promise.all([...pools.all().map((pool) => pool.close()), probeAgent.close()]);
    },
    destroy: async () => {
      pools.closed = true;
      await Promise.all([...pools.all().map((pool) => pool.destroy()), probeAgent.destroy()]);
    },
  };
}

async function submit(pools: AppPools, options: ResolvedClientOptions, request: SubmitRequest): Promise<UpstreamResult> {
  validateSubmitRequest(request);
  const target = pools.targetFor(request.app);
  const guard = createCallGuard(deadlineMs(request.deadlineAt), request.signal);
  const call = new ModalCall(target, request.path, options, guard);
  try {
    let response = await call.post(request.body);
    if (response.status === 303) {
      const resultUrl = await call.accept(response, request.onAccepted);
      response = await call.pollResult(resultUrl, request.onAccepted);
    }
    return call.finish(response);
  } catch (error) {
    throw call.fail(error);
  } finally {
    guard.dispose();
  }
}

async function resume(pools: AppPools, options: ResolvedClientOptions, request: ResumeRequest): Promise<UpstreamResult> {
  validateResumeRequest(request);
  const target = pools.targetFor(request.app);
  const guard = createCallGuard(deadlineMs(request.deadlineAt), request.signal);
  const call = new ModalCall(target, pathOfUrl(request.resultUrl), options, guard);
  try {
    const resultUrl = call.adoptResultUrl(request.resultUrl);
    const response = await call.pollResult(resultUrl, request.onAccepted);
    return call.finish(response);
  } catch (error) {
    throw call.fail(error);
  } finally {
    guard.dispose();
  }
}

async function probeHealth(
  pools: AppPools,
  options: ResolvedClientOptions,
  probeAgent: Agent,
  app: string,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<HealthProbe> {
  requireNonEmptyString('probeHealth app', app, '"ryla-flux"');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`Invalid probeHealth timeoutMs ${String(timeoutMs)}: expected a positive number of milliseconds.`);
  }
  const origin = pools.originFor(app);
  const startedAt = performance.now();
  try {
    const response = await exchange(probeAgent, {
      origin,
      method: 'GET',
      pathAndQuery: '/health',
      headers: { ...options.authHeaders },
      headersTimeoutMs: timeoutMs,
      bodyTimeoutMs: timeoutMs,
      maxBodyBytes: MAX_PROBE_BODY_BYTES,
      maxErrorBodyBytes: MAX_PROBE_BODY_BYTES,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      reachable: true,
      healthy: response.status === 200 && reportsHealthy(response.bytes),
      status: response.status,
      latencyMs: performance.now() - startedAt,
    };
  } catch (error) {
    if (!(error instanceof ExchangeFailure)) {
      throw error;
    }
    const code = error.kind === 'STOPPED' ? 'UPSTREAM_TIMEOUT' : error.kind;
    const reason = error.kind === 'STOPPED' ? `no answer within ${timeoutMs} ms` : error.reason;
    return {
      reachable: false,
      healthy: false,
      ...(error.status !== undefined && { status: error.status }),
      latencyMs: performance.now() - startedAt,
      error: { code, message: `GET /health on Modal app ${app} at ${origin} failed: ${reason}` },
    };
  }
}

/** Origins and connection pools of the apps, created on first use. */
class AppPools {
  closed = false;
  readonly #options: ResolvedClientOptions;
  readonly #origins = new Map<string, string>();
  readonly #targets = new Map<string, CallTarget & { dispatcher: Pool }>();

  constructor(options: ResolvedClientOptions) {
    this.#options = options;
  }

  originFor(app: string): string {
    const known = this.#origins.get(app);
    if (known !== undefined) {
      return known;
    }
    const origin = normalizeOrigin(this.#options.resolveOrigin(app), `resolveOrigin("${app}")`);
    this.#origins.set(app, origin);
    return origin;
  }

  targetFor(app: string): CallTarget {
    if (this.closed) {
      throw new UpstreamError('UPSTREAM_CANCELED', `The Modal client is closed, so no request was sent to app ${app}. Create a new client.`, {
        jobMayHaveStarted: false,
        app,
      });
    }
    const known = this.#targets.get(app);
    if (known !== undefined) {
      return known;
    }
    const origin = this.originFor(app);
    // Explicit limits: undici's 300 s defaults are unrelated to Modal's 150 s request cap.
    const dispatcher = new Pool(origin, {
      connections: this.#options.connectionsFor(app),
      headersTimeout: this.#options.headersTimeoutMs,
      bodyTimeout: this.#options.bodyTimeoutMs,
      connect: { timeout: this.#options.connectTimeoutMs },
    });
    const target = { app, origin, dispatcher };
    this.#targets.set(app, target);
    return target;
  }

  all(): Pool[] {
    return [...this.#targets.values()].map((target) => target.dispatcher);
  }
}

function validateSubmitRequest(request: SubmitRequest): void {
  requireNonEmptyString('submit app', request.app, '"ryla-flux"');
  if (typeof request.path !== 'string' || !/^\/(?!\/)[^\s?#]*$/.test(request.path)) {
    throw new TypeError(
      `Invalid submit path ${JSON.stringify(request.path)}: expected an endpoint path without query, such as "/flux-dev".`,
    );
  }
  if (typeof request.body !== 'string') {
    throw new TypeError(`Invalid submit body of type ${typeof request.body}: expected the JSON request body as a serialized string.`);
  }
  validateCallControls('submit', request);
}

function validateResumeRequest(request: ResumeRequest): void {
  requireNonEmptyString('resume app', request.app, '"ryla-flux"');
  requireNonEmptyString('resume resultUrl', request.resultUrl, 'the URL passed to onAccepted');
  validateCallControls('resume', request);
}

function validateCallControls(
  operation: string,
  request: Pick<SubmitRequest, 'deadlineAt' | 'signal' | 'onAccepted'>,
): void {
  const deadline = deadlineMs(request.deadlineAt);
  if (typeof deadline !== 'number' || !Number.isFinite(deadline)) {
    throw new TypeError(
      `Invalid ${operation} deadlineAt ${String(request.deadlineAt)}: expected a valid Date or epoch milliseconds, such as Date.now() + 1_800_000.`,
    );
  }
  if (request.signal !== undefined && !(request.signal instanceof AbortSignal)) {
    throw new TypeError(`Invalid ${operation} signal: expected an AbortSignal.`);
  }
  if (request.onAccepted !== undefined && typeof request.onAccepted !== 'function') {
    throw new TypeError(`Invalid ${operation} onAccepted: expected a function that stores the result URL.`);
  }
}

function deadlineMs(deadlineAt: Date | number): number {
  return deadlineAt instanceof Date ? deadlineAt.getTime() : deadlineAt;
}

function requireNonEmptyString(place: string, value: unknown, example: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`Invalid ${place} ${JSON.stringify(value)}: expected a non-empty string, such as ${example}.`);
  }
}

/** Returns the path of a stored result URL for events and messages, or a placeholder if it does not parse. */
function pathOfUrl(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(unparsable result URL)';
  }
}

function reportsHealthy(bytes: Buffer): boolean {
  try {
    const body: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'healthy';
  } catch {
    return false;
  }
}
