/**
 * Combines the catalog with configuration into what dispatch needs per endpoint: the origin to
 * call, the client deadline and the app's concurrency limit. Built once at start, where an
 * impossible combination (a deadline at or above the server timeout) stops the gateway.
 */
import type { GatewayConfig } from '../config/config.js';
import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { appOf, type Catalog } from './catalog.js';
import type { AppFacts, EndpointFacts } from './schema.js';

/**
 * Seconds kept between the client deadline and the app's server timeout by default, so the
 * gateway gives up, records TIMED_OUT and frees its slot before Modal drops the call.
 */
export const DEFAULT_DEADLINE_MARGIN_SECONDS = 60;

export interface EndpointDispatch {
  readonly endpoint: EndpointFacts;
  readonly app: AppFacts;
  readonly origin: string;
  readonly deadlineSeconds: number;
}

export interface AppDispatch {
  readonly app: AppFacts;
  readonly origin: string;
  readonly concurrency: number;
}

export interface EndpointRuntime {
  readonly endpoints: ReadonlyMap<string, EndpointDispatch>;
  readonly apps: ReadonlyMap<string, AppDispatch>;
  /** Maximum time a web request may block at Modal before Modal returns 303, in seconds. */
  readonly requestCapSeconds: number;
}

/** Builds the origin of an app from a URL pattern such as `https://{workspace}--{app}-x.modal.run`. */
export function buildAppOrigin(pattern: string, workspace: string, app: string): string {
  return new URL(pattern.replaceAll('{workspace}', workspace).replaceAll('{app}', app)).origin;
}

/**
 * Resolves origins, deadlines and concurrency for every endpoint and app.
 *
 * @throws ConfigError naming the variable or catalog entry when a deadline is not below the
 * app's server timeout, or when configuration names an endpoint or app the catalog lacks.
 */
export function buildEndpointRuntime(catalog: Catalog, config: GatewayConfig): EndpointRuntime {
  const issues: ConfigIssue[] = [];
  const workspace = config.modal.workspace ?? catalog.file.modal.workspace;
  const pattern = config.modal.urlPattern ?? catalog.file.modal.urlPattern;

  for (const path of config.endpointDeadlines.keys()) {
    if (!catalog.endpoints.has(path)) {
      issues.push({ path: 'ENDPOINT_DEADLINE_SECONDS', message: 'unknown endpoint path; use a path from the catalog', value: path });
    }
  }
  for (const name of config.appConcurrency.keys()) {
    if (!catalog.apps.has(name)) {
      issues.push({ path: 'APP_CONCURRENCY', message: `unknown app; use one of ${[...catalog.apps.keys()].join(', ')}`, value: name });
    }
  }

  const apps = new Map<string, AppDispatch>();
  for (const app of catalog.apps.values()) {
    let origin: string;
    try {
      origin = config.modal.originOverride ?? buildAppOrigin(pattern, workspace, app.name);
    } catch {
      issues.push({ path: 'MODAL_URL_PATTERN', message: 'the pattern does not give a valid URL', value: pattern });
      origin = 'http://invalid.invalid';
    }
    apps.set(app.name, { app, origin, concurrency: config.appConcurrency.get(app.name) ?? app.maxConcurrentInputs });
  }

  const endpoints = new Map<string, EndpointDispatch>();
  for (const endpoint of catalog.endpoints.values()) {
    const app = appOf(catalog, endpoint);
    const configured = config.endpointDeadlines.get(endpoint.path);
    const deadlineSeconds =
      configured ?? endpoint.clientDeadlineSeconds ?? Math.max(1, app.serverTimeoutSeconds - DEFAULT_DEADLINE_MARGIN_SECONDS);
    if (configured !== undefined && configured >= app.serverTimeoutSeconds) {
      issues.push({
        path: 'ENDPOINT_DEADLINE_SECONDS',
        message: `the deadline for ${endpoint.path} must be below its app's server timeout of ${app.serverTimeoutSeconds} s`,
        value: configured,
      });
    }
    const dispatch = apps.get(app.name);
    endpoints.set(endpoint.path, { endpoint, app, origin: dispatch?.origin ?? '', deadlineSeconds });
  }

  if (issues.length > 0) {
    throw new ConfigError('the environment', issues);
  }
  return { endpoints, apps, requestCapSeconds: catalog.file.modal.requestCapSeconds };
}
