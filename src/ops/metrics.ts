/**
 * Prometheus metrics of one gateway instance: GraphQL operations, finished generations, upstream
 * latency and per-app queues. Every instance has its own prom-client `Registry`, never the global
 * default, so several gateways can run in one process (as the tests do).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { GenerationStatus } from '../store/index.js';
import type { UpstreamEvent } from '../upstream/index.js';
import { OperationLabels } from './operation-labels.js';

/** Label used for an endpoint path that the catalog does not list, so stray paths add no series. */
export const UNLISTED_ENDPOINT_LABEL = 'unlisted';

// Generations run from seconds to the 1800 s server timeout; Modal responds with 303 after 150 s.
const GENERATION_SECONDS_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800];
const UPSTREAM_SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 150, 300, 600, 1800];
const OPERATION_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The fields of the HTTP layer's `RequestFinishedEvent` that the request metrics use. */
export interface FinishedRequest {
  readonly route: string;
  readonly role: 'client' | 'internal' | null;
  readonly operationName: string | null;
  readonly outcome: 'success' | 'error';
  readonly durationMs: number;
}

/** The fields of the dispatcher's `onFinished` event that the generation metrics use. */
export interface FinishedGeneration {
  readonly endpoint: string;
  readonly status: GenerationStatus;
  readonly durationMs: number | null;
}

export interface GatewayMetricsOptions {
  /** Endpoint paths used as label values; any other path is counted as `unlisted`. */
  readonly endpoints: Iterable<string>;
  /** App names whose gauges start at 0, so every app has a series before its first generation. */
  readonly apps: Iterable<string>;
}

/** The metrics of one gateway and the registry that serves them. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly endpoints: ReadonlySet<string>;
  private readonly operationLabels = new OperationLabels();

  private readonly operations: Counter<'operation' | 'role' | 'outcome'>;
  private readonly operationSeconds: Histogram<'operation' | 'role'>;
  private readonly generations: Counter<'endpoint' | 'status'>;
  private readonly generationSeconds: Histogram<'endpoint' | 'status'>;
  private readonly upstreamRequestSeconds: Histogram<'endpoint' | 'kind'>;
  private readonly upstreamCallSeconds: Histogram<'endpoint' | 'outcome'>;
  private readonly upstreamHops: Counter<'endpoint'>;
  private readonly upstreamRetries: Counter<'endpoint'>;
  private readonly queueDepth: Gauge<'app'>;
  private readonly inFlight: Gauge<'app'>;
  private readonly probeUp: Gauge<'app'>;
  private readonly probeSeconds: Gauge<'app'>;

  constructor(options: GatewayMetricsOptions) {
    this.endpoints = new Set(options.endpoints);
    const registers = [this.registry];

    this.operations = new Counter({
      name: 'gateway_graphql_operations_total',
      help: 'GraphQL requests by operation name, role and outcome.',
      labelNames: ['operation', 'role', 'outcome'],
      registers,
    });
    this.operationSeconds = new Histogram({
      name: 'gateway_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its response.',
      labelNames: ['operation', 'role'],
      buckets: OPERATION_SECONDS_BUCKETS,
      registers,
    });
    this.generations = new Counter({
      name: 'gateway_generations_finished_total',
      help: 'Generations that reached a terminal state, by endpoint and final status.',
      labelNames: ['endpoint', 'status'],
      registers,
    });
    this.generationSeconds = new Histogram({
      name: 'gateway_generation_duration_seconds',
      help: 'Time from dispatch to Modal until the terminal state, for generations that were dispatched.',
      labelNames: ['endpoint', 'status'],
      buckets: GENERATION_SECONDS_BUCKETS,
      registers,
    });
    this.upstreamRequestSeconds = new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Duration of single upstream HTTP requests: kind "post" for each POST attempt, "result_get" for each GET on a 303 result URL.',
      labelNames: ['endpoint', 'kind'],
      buckets: UPSTREAM_SECONDS_BUCKETS,
      registers,
    });
    this.upstreamCallSeconds = new Histogram({
      name: 'gateway_upstream_call_duration_seconds',
      help: 'Duration of whole upstream calls, retries and 303 hops included; outcome is "success" or the upstream error code.',
      labelNames: ['endpoint', 'outcome'],
      buckets: UPSTREAM_SECONDS_BUCKETS,
      registers,
    });
    this.upstreamHops = new Counter({
      name: 'gateway_upstream_result_hops_total',
      help: 'GET requests on Modal 303 result URLs.',
      labelNames: ['endpoint'],
      registers,
    });
    this.upstreamRetries = new Counter({
      name: 'gateway_upstream_retries_total',
      help: 'POST attempts that the Modal client retried because no job could have started.',
      labelNames: ['endpoint'],
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'gateway_queue_depth',
      help: 'Generations waiting for a free slot of their Modal app.',
      labelNames: ['app'],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'gateway_generations_in_flight',
      help: 'Generations sent to their Modal app and not finished yet.',
      labelNames: ['app'],
      registers,
    });
    this.probeUp = new Gauge({
      name: 'gateway_upstream_healthy',
      help: 'Result of the last GET /health probe per Modal app: 1 healthy, 0 not.',
      labelNames: ['app'],
      registers,
    });
    this.probeSeconds = new Gauge({
      name: 'gateway_upstream_probe_duration_seconds',
      help: 'Duration of the last GET /health probe per Modal app.',
      labelNames: ['app'],
      registers,
    });

    for (const app of options.apps) {
      this.queueDepth.set({ app }, 0);
      this.inFlight.set({ app }, 0);
    }
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one finished HTTP request when it was a GraphQL request. */
  recordRequest(event: FinishedRequest): void {
    if (event.route !== '/graphql') {
      return;
    }
    const operation = this.operationLabels.labelOf(event.operationName);
    const role = event.role ?? 'none';
    this.operations.inc({ operation, role, outcome: event.outcome });
    this.operationSeconds.observe({ operation, role }, event.durationMs / 1000);
  }

  /** Counts one generation that reached a terminal state. */
  recordGenerationFinished(event: FinishedGeneration): void {
    const endpoint = this.endpointLabel(event.endpoint);
    this.generations.inc({ endpoint, status: event.status });
    if (event.durationMs !== null) {
      this.generationSeconds.observe({ endpoint, status: event.status }, event.durationMs / 1000);
    }
  }

  /** Records one event of the Modal client. */
  recordUpstreamEvent(event: UpstreamEvent): void {
    const endpoint = this.endpointLabel(event.path);
    switch (event.type) {
      case 'attempt':
        this.upstreamRequestSeconds.observe({ endpoint, kind: 'post' }, event.ms / 1000);
        if (event.retryInMs !== undefined) {
          this.upstreamRetries.inc({ endpoint });
        }
        break;
      case 'hop':
        this.upstreamRequestSeconds.observe({ endpoint, kind: 'result_get' }, event.ms / 1000);
        this.upstreamHops.inc({ endpoint });
        break;
      case 'response':
        this.upstreamCallSeconds.observe({ endpoint, outcome: 'success' }, event.ms / 1000);
        break;
      case 'failure':
        this.upstreamCallSeconds.observe({ endpoint, outcome: event.code }, event.ms / 1000);
        break;
      case 'accepted':
        // The time to the first 303 is already part of the POST attempt's duration.
        break;
    }
  }

  /** Sets the queue and in-flight gauges of one app. */
  recordQueue(event: { app: string; queued: number; running: number }): void {
    this.queueDepth.set({ app: event.app }, event.queued);
    this.inFlight.set({ app: event.app }, event.running);
  }

  /** Sets the probe gauges of one app. */
  recordProbe(app: string, probe: { healthy: boolean; latencyMs: number }): void {
    this.probeUp.set({ app }, probe.healthy ? 1 : 0);
    this.probeSeconds.set({ app }, probe.latencyMs / 1000);
  }

  /** Renders every metric in the Prometheus text format. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private endpointLabel(path: string): string {
    return this.endpoints.has(path) ? path : UNLISTED_ENDPOINT_LABEL;
  }
}
