/**
 * The operator surface: health and readiness routes, Prometheus metrics, upstream probes and
 * endpoint quality. `startGateway` wires these in; see README.md in this folder.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { EndpointRuntime } from '../catalog/runtime.js';
import type { DispatcherEvents } from '../generation/dispatcher.js';
import type { GenerationStore } from '../store/index.js';
import type { ModalClient } from '../upstream/index.js';
import { EndpointQuality } from './endpoint-quality.js';
import type { GatewayMetrics } from './metrics.js';
import { UpstreamProbes } from './upstream-probes.js';

export { createHealthRoute, checkReadiness, type Readiness, type ReadinessCheck, type ReadinessFailure } from './health-routes.js';
export { createMetricsRoute } from './metrics-route.js';
export { GatewayMetrics, UNLISTED_ENDPOINT_LABEL } from './metrics.js';
export { UpstreamProbes, type UpstreamHealthReport, type AppHealth, type EndpointHealth } from './upstream-probes.js';
export { EndpointQuality } from './endpoint-quality.js';
export type { EndpointStats, LastError } from './endpoint-stats.js';
export type { EndpointBreach, BreachReason, BreachThresholds } from './endpoint-breaches.js';

/** The long-lived operator services that resolvers reach through `services.ops`. */
export interface OpsServices {
  readonly metrics: GatewayMetrics;
  readonly probes: UpstreamProbes;
  readonly quality: EndpointQuality;
}

/** Builds the probe and quality services around metrics that already exist. */
export function createOpsServices(parts: {
  metrics: GatewayMetrics;
  client: Pick<ModalClient, 'probeHealth'>;
  catalog: Catalog;
  runtime: EndpointRuntime;
  store: GenerationStore;
  probeCacheSeconds: number;
}): OpsServices {
  const endpointsByApp = new Map<string, string[]>();
  for (const app of parts.catalog.apps.keys()) {
    endpointsByApp.set(app, []);
  }
  for (const endpoint of parts.catalog.endpoints.values()) {
    endpointsByApp.get(endpoint.app)?.push(endpoint.path);
  }

  const probes = new UpstreamProbes({
    client: parts.client,
    endpointsByApp,
    cacheSeconds: parts.probeCacheSeconds,
    onProbe: (app, probe) => parts.metrics.recordProbe(app, probe),
  });
  const quality = new EndpointQuality({ catalog: parts.catalog, runtime: parts.runtime, store: parts.store });
  return { metrics: parts.metrics, probes, quality };
}

/** Returns dispatcher events that update `metrics` and then call `next`. */
export function withMetricsEvents(metrics: GatewayMetrics, next?: DispatcherEvents): DispatcherEvents {
  return {
    onFinished(event) {
      metrics.recordGenerationFinished(event);
      next?.onFinished?.(event);
    },
    onQueueChanged(event) {
      metrics.recordQueue(event);
      next?.onQueueChanged?.(event);
    },
  };
}
