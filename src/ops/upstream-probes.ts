/**
 * Health probes of the Modal apps: `GET /health` on every app at once, with a short timeout.
 * A round of results is cached for `cacheSeconds`, and callers that arrive while a round runs
 * share it, so a dashboard that polls often sends at most one round per interval. Probes run
 * only on a request of the internal role, never on a client's request path.
 *
 * NOTE: on Modal, `/health` is served by the app's GPU container, so probing an app that has
 * scaled to zero starts a container (paid GPU time) and usually exceeds the probe timeout.
 */
import type { HealthProbe, ModalClient } from '../upstream/index.js';

/** Default probe timeout: long enough for a warm container, short enough for a dashboard. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

export interface AppHealth {
  readonly app: string;
  readonly reachable: boolean;
  readonly healthy: boolean;
  readonly status: number | null;
  readonly latencyMs: number;
  readonly checkedAt: Date;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Paths of the endpoints the app serves, sorted. */
  readonly endpoints: string[];
}

export interface EndpointHealth {
  readonly path: string;
  readonly app: string;
  readonly reachable: boolean;
  readonly healthy: boolean;
}

/** A probe result; `error.code` is an upstream error code, or PROBE_FAILED when nothing was sent. */
export type ProbeOutcome = Omit<HealthProbe, 'error'> & { error?: { code: string; message: string } };

/** One round of probes, one result per app. */
export interface ProbeRound {
  readonly checkedAt: Date;
  readonly apps: AppHealth[];
  readonly endpoints: EndpointHealth[];
}

export interface UpstreamHealthReport extends ProbeRound {
  /** True when the round was served from the cache instead of new requests. */
  readonly cached: boolean;
}

export interface UpstreamProbesOptions {
  readonly client: Pick<ModalClient, 'probeHealth'>;
  /** Endpoint paths by app name; every app here is probed. */
  readonly endpointsByApp: ReadonlyMap<string, readonly string[]>;
  /** How long a finished round is served from the cache, in seconds; 0 disables the cache. */
  readonly cacheSeconds: number;
  readonly timeoutMs?: number;
  /** Receives each app's result, for metrics. */
  readonly onProbe?: (app: string, probe: ProbeOutcome) => void;
  readonly now?: () => number;
}

/** Runs and caches probe rounds. One instance per gateway. */
export class UpstreamProbes {
  private cachedRound: ProbeRound | null = null;
  private cachedUntil = 0;
  private running: Promise<ProbeRound> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: UpstreamProbesOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Returns the latest probe round. A cached round younger than `cacheSeconds` is returned
   * unless `refresh` is set; a round already running is shared in every case.
   */
  async check(options: { refresh?: boolean } = {}): Promise<UpstreamHealthReport> {
    if (this.running) {
      return { ...(await this.running), cached: false };
    }
    if (!options.refresh && this.cachedRound && this.now() < this.cachedUntil) {
      return { ...this.cachedRound, cached: true };
    }

    this.running = this.probeAll().finally(() => {
      this.running = null;
    });
    return { ...(await this.running), cached: false };
  }

  private async probeAll(): Promise<ProbeRound> {
    const checkedAt = new Date(this.now());
    const apps = await Promise.all([...this.options.endpointsByApp].map(([app, endpoints]) => this.probeApp(app, endpoints)));
    apps.sort((a, b) => a.app.localeCompare(b.app));

    const endpoints = apps
      .flatMap((app) => app.endpoints.map((path) => ({ path, app: app.app, reachable: app.reachable, healthy: app.healthy })))
      .sort((a, b) => a.path.localeCompare(b.path));
    const round: ProbeRound = { checkedAt, apps, endpoints };

    this.cachedRound = round;
    this.cachedUntil = this.now() + this.options.cacheSeconds * 1000;
    return round;
  }

  private async probeApp(app: string, endpoints: readonly string[]): Promise<AppHealth> {
    const probe = await this.probeOrDescribeFailure(app);
    this.options.onProbe?.(app, probe);
    return {
      app,
      reachable: probe.reachable,
      healthy: probe.healthy,
      status: probe.status ?? null,
      latencyMs: probe.latencyMs,
      checkedAt: new Date(this.now()),
      error: probe.error ?? null,
      endpoints: [...endpoints].sort(),
    };
  }

  // probeHealth returns network failures but throws for an app without a valid origin; one such
  // app must not hide the results of the others.
  private async probeOrDescribeFailure(app: string): Promise<ProbeOutcome> {
    const startedAt = performance.now();
    try {
      return await this.options.client.probeHealth(app, { timeoutMs: this.options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS });
    } catch (error) {
      return {
        reachable: false,
        healthy: false,
        latencyMs: performance.now() - startedAt,
        error: { code: 'PROBE_FAILED', message: `The probe of Modal app ${app} could not be sent: ${(error as Error).message}` },
      };
    }
  }
}
