/**
 * `GET /healthz` (liveness) and `GET /readyz` (readiness), served without an API key. Their
 * bodies name only the checks and their results, never an endpoint path, app name, file path or
 * error text, because anyone who can reach the port may read them. The log gets the details.
 */
import type { ServerResponse } from 'node:http';

import type { Logger } from 'pino';

import type { Catalog } from '../catalog/catalog.js';
import { HttpError, type ExtraRoute } from '../server/http.js';
import type { GenerationStore } from '../store/index.js';

export interface ReadinessCheck {
  readonly name: 'accepting' | 'store' | 'migrations' | 'catalog';
  readonly ok: boolean;
  /** A fixed sentence for a failed check; it never contains data from the failure. */
  readonly reason?: string;
}

/** The log entry of a failed check: details that the response body must not contain. */
export interface ReadinessFailure {
  readonly check: ReadinessCheck['name'];
  readonly message: string;
  readonly details: Record<string, unknown>;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: readonly ReadinessCheck[];
  readonly failures: readonly ReadinessFailure[];
}

export interface ReadinessOptions {
  readonly store: Pick<GenerationStore, 'checkWritable' | 'migrationState'>;
  readonly catalog: Pick<Catalog, 'endpoints'>;
  /** Returns false while the gateway shuts down, so load balancers stop sending traffic. */
  readonly isAccepting: () => boolean;
}

export interface HealthRouteOptions extends ReadinessOptions {
  readonly logger: Logger;
}

/**
 * Runs every readiness check: the gateway accepts requests, the store commits a write, the
 * database schema has every migration of this build, and the catalog has endpoints.
 */
export async function checkReadiness(options: ReadinessOptions): Promise<Readiness> {
  const checks: ReadinessCheck[] = [];
  const failures: ReadinessFailure[] = [];
  const fail = (name: ReadinessCheck['name'], reason: string, message: string, details: Record<string, unknown>): void => {
    checks.push({ name, ok: false, reason });
    failures.push({ check: name, message, details });
  };

  if (options.isAccepting()) {
    checks.push({ name: 'accepting', ok: true });
  } else {
    fail('accepting', 'The gateway is shutting down.', 'readiness check failed: the gateway is shutting down', {});
  }

  try {
    await options.store.checkWritable();
    checks.push({ name: 'store', ok: true });
  } catch (error) {
    fail('store', 'The database did not commit a test write; see the gateway log.', 'readiness check failed: the store is not writable', {
      err: error,
    });
  }

  try {
    const { current, latest } = await options.store.migrationState();
    if (current === latest) {
      checks.push({ name: 'migrations', ok: true });
    } else {
      fail(
        'migrations',
        'The database schema version differs from this build; see the gateway log.',
        'readiness check failed: the database schema version differs from this build',
        { current, latest },
      );
    }
  } catch (error) {
    fail('migrations', 'The migration state could not be read; see the gateway log.', 'readiness check failed: the migration state could not be read', {
      err: error,
    });
  }

  if (options.catalog.endpoints.size > 0) {
    checks.push({ name: 'catalog', ok: true });
  } else {
    fail('catalog', 'The catalog has no endpoints.', 'readiness check failed: the catalog has no endpoints', {});
  }

  return { ready: failures.length === 0, checks, failures };
}

/**
 * Creates the `/healthz` and `/readyz` route. Orchestrators poll `/readyz` every few seconds,
 * so a failing check is logged once when it starts failing and once when it passes again.
 */
export function createHealthRoute(options: HealthRouteOptions): ExtraRoute {
  const failing = new Set<ReadinessCheck['name']>();

  const logChanges = (readiness: Readiness): void => {
    for (const failure of readiness.failures) {
      if (!failing.has(failure.check)) {
        failing.add(failure.check);
        options.logger.error({ check: failure.check, ...failure.details }, failure.message);
      }
    }
    for (const check of readiness.checks) {
      if (check.ok && failing.delete(check.name)) {
        options.logger.info({ check: check.name }, 'readiness check passes again');
      }
    }
  };

  return async (request, response, { url }) => {
    if (url.pathname !== '/healthz' && url.pathname !== '/readyz') {
      return false;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${url.pathname} is read with GET.`, { allow: 'GET, HEAD' });
    }

    if (url.pathname === '/healthz') {
      sendJson(response, 200, { status: 'ok' }, request.method === 'HEAD');
      return true;
    }
    const readiness = await checkReadiness(options);
    logChanges(readiness);
    sendJson(
      response,
      readiness.ready ? 200 : 503,
      { status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks },
      request.method === 'HEAD',
    );
    return true;
  };
}

/** Writes a small JSON body that caches and proxies must not keep. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(text));
  response.setHeader('cache-control', 'no-store');
  response.end(headOnly ? undefined : text);
}
