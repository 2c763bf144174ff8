/**
 * Assembles the gateway from its parts: catalog and policy, store, upstream client, dispatcher,
 * the two role schemas and the HTTP server. `main.ts`, `dev.ts`, the tests and the benchmarks
 * all start the gateway through `startGateway`.
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { pino, type Logger } from 'pino';

import { createKeyring } from './auth/keyring.js';
import { loadCatalog, type Catalog } from './catalog/catalog.js';
import { buildEndpointRuntime } from './catalog/runtime.js';
import type { GatewayConfig } from './config/config.js';
import { computeBodyLimit } from './generation/body-limit.js';
import { Dispatcher, type DispatcherEvents } from './generation/dispatcher.js';
import { GenerationService } from './generation/service.js';
import { createRequestLoaders } from './loaders/index.js';
import { createHealthRoute, createMetricsRoute, createOpsServices, GatewayMetrics, withMetricsEvents } from './ops/index.js';
import { decideAllTiers } from './policy/classification.js';
import { RatingService } from './quality/ratings.js';
import { startRoleServers } from './server/apollo.js';
import { GenerationFailureLog } from './server/failure-log.js';
import type { GatewayContext, GatewayServices } from './server/context.js';
import { createArtifactRoute } from './server/artifact-route.js';
import { createHttpHandler, type ExtraRoute, type RequestFinishedEvent } from './server/http.js';
import { buildRoleSchemas, readTypeDefs } from './server/schema.js';
import { createBlobStore, lockDataDir, openSqliteStore } from './store/index.js';
import { createModalClient } from './upstream/index.js';
import { createWorkflowRepository } from './workflows/index.js';
import { createEmptyWorkflowRepository } from './loaders/workflows.js';
import { resolvers } from '../resolvers/index.js';

/** Redacted log paths: keys, media and prompts never reach the log. */
export const LOG_REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'prompt',
  '*.prompt',
  'inputs',
  '*.inputs',
  'body',
  '*.body',
];

/** Creates the gateway's pino logger. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' }, base: { service: 'capability-gateway' } }, destination);
}

export interface StartGatewayOptions {
  readonly config: GatewayConfig;
  readonly logger?: Logger;
  /** A catalog already loaded; by default it is read from `config.catalogPath`. */
  readonly catalog?: Catalog;
  /** Extra HTTP routes tried before GraphQL, such as health and metrics. */
  readonly routes?: (services: GatewayServices) => ExtraRoute[];
  readonly dispatcherEvents?: DispatcherEvents;
  readonly onRequestFinished?: (event: RequestFinishedEvent) => void;
  /** Dispatcher timings, overridable for tests. */
  readonly sweepIntervalMs?: number;
  readonly shutdownGraceMs?: number;
  /** Upstream client overrides, for tests. */
  readonly upstream?: { retryBaseDelayMs?: number; retryAttempts?: number; stallTimeoutMs?: number };
}

/** A running gateway. */
export interface RunningGateway {
  readonly url: string;
  readonly server: http.Server;
  readonly services: GatewayServices;
  readonly bodyLimitBytes: number;
  /** Stops intake, leaves resumable work resumable, and closes the store and the server. */
  close(): Promise<void>;
}

/**
 * Starts the gateway: loads and checks everything, takes the data folder's lock, listens, and
 * recovers stored generations before it accepts requests.
 *
 * @throws ConfigError when the catalog or the configuration is invalid.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);

  const catalog = options.catalog ?? loadCatalog(config.catalogPath);
  const tiers = decideAllTiers(catalog);
  const runtime = buildEndpointRuntime(catalog, config);

  mkdirSync(config.dataDir, { recursive: true });
  const dataDirLock = lockDataDir(config.dataDir);
  const store = openSqliteStore({ file: path.join(config.dataDir, 'gateway.sqlite') });
  await store.migrate();
  const blobs = createBlobStore({ dir: path.join(config.dataDir, 'blobs') });
  const metrics = new GatewayMetrics({ endpoints: catalog.endpoints.keys(), apps: catalog.apps.keys() });

  const client = createModalClient({
    resolveOrigin: (app: string) => {
      const origin = runtime.apps.get(app)?.origin;
      if (!origin) {
        throw new Error(`No origin for Modal app "${app}"`);
      }
      return origin;
    },
    connections: (app: string) => runtime.apps.get(app)?.concurrency ?? 1,
    proxyAuth: config.modal.proxyAuth,
    requestCapSeconds: runtime.requestCapSeconds,
    ...(options.upstream?.stallTimeoutMs ? { headersTimeoutMs: options.upstream.stallTimeoutMs, bodyTimeoutMs: options.upstream.stallTimeoutMs } : {}),
    retry: {
      attempts: options.upstream?.retryAttempts ?? 4,
      baseDelayMs: options.upstream?.retryBaseDelayMs ?? 500,
      maxDelayMs: 8000,
    },
    onEvent: (event) => metrics.recordUpstreamEvent(event),
  });

  const failureLog = new GenerationFailureLog({ logger: logger.child({ component: 'failure-log' }) });
  let service: GenerationService | undefined;
  const dispatcher = new Dispatcher({
    store,
    blobs,
    client,
    catalog,
    runtime,
    logger: logger.child({ component: 'dispatcher' }),
    events: GenerationService.dispatcherEvents(() => service, failureLog.wrap(withMetricsEvents(metrics, options.dispatcherEvents))),
    sweepIntervalMs: options.sweepIntervalMs,
    shutdownGraceMs: options.shutdownGraceMs,
  });
  service = new GenerationService({ config, catalog, tiers, runtime, store, blobs, dispatcher });

  const workflows = config.workflowsDir
    ? createWorkflowRepository({ dir: config.workflowsDir, catalogFile: config.workflowsCatalogPath })
    : createEmptyWorkflowRepository();

  const ratings = new RatingService({ catalog, store });
  const ops = createOpsServices({ metrics, client, catalog, runtime, store, probeCacheSeconds: config.probeCacheSeconds });
  const services: GatewayServices = { config, catalog, tiers, runtime, store, blobs, generations: service, ratings, workflows, logger, dispatcher, ops };

  const schemas = buildRoleSchemas(readTypeDefs(), resolvers);
  const servers = await startRoleServers(schemas, { logger, limits: config.limits });
  const keyring = createKeyring(config.apiKeys);
  const bodyLimitBytes = computeBodyLimit(catalog, config);

  // Requests get 503 until the port is bound and stored generations are recovered.
  let accepting = false;
  const handler = createHttpHandler({
    keyring,
    servers,
    logger,
    bodyLimitBytes,
    isAcceptingRequests: () => accepting,
    onRequestFinished: (event) => {
      metrics.recordRequest(event);
      options.onRequestFinished?.(event);
    },
    routes: [
      createHealthRoute({ store, catalog, logger, isAccepting: () => accepting }),
      createMetricsRoute(metrics),
      ...(options.routes?.(services) ?? []),
      createArtifactRoute(services),
    ],
    createContext: ({ requestId, principal, logger: requestLogger }): GatewayContext => ({
      requestId,
      principal,
      role: principal.role,
      ownerId: principal.ownerId,
      services,
      loaders: createRequestLoaders(services, principal),
      logger: requestLogger,
    }),
  });

  const server = http.createServer(handler);
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  try {
    // Bind first, so a start that cannot get its port stops before it touches stored work.
    await listen(server, config.port, config.host);
    await service.start();
  } catch (error) {
    server.close();
    await client.close();
    await store.close();
    dataDirLock.release();
    throw error;
  }
  accepting = true;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, bodyLimitBytes, endpoints: catalog.endpoints.size }, 'gateway listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      accepting = false;
      await dispatcher.shutdown();
      failureLog.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all([servers.client.stop(), servers.internal.stop()]);
      await client.close();
      await store.close();
      dataDirLock.release();
      logger.info('gateway stopped');
    })();
    return closing;
  };

  return { url, server, services, bodyLimitBytes, close };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
