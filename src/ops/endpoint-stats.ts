/**
 * Per-endpoint statistics computed from stored generations and ratings. Pure functions: the
 * caller reads the records for a time window and passes them in.
 */
import type { GenerationRecord, RatingRecord } from '../store/index.js';

/** A half-open time window: `since` inclusive, `until` exclusive. */
export interface StatsWindow {
  readonly since: Date;
  readonly until: Date;
}

export interface LastError {
  readonly code: string;
  readonly message: string;
  readonly upstreamStatus: number | null;
  readonly upstreamDetail: string | null;
  readonly generationId: string;
  readonly at: Date;
}

export interface EndpointStats {
  readonly endpoint: string;
  readonly app: string;
  readonly since: Date;
  readonly until: Date;
  /** Generations that finished in the window, in any terminal state. */
  readonly finished: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly canceled: number;
  /** Generations sent to Modal (started) and not canceled: the success-rate denominator. */
  readonly dispatched: number;
  readonly successRate: number | null;
  readonly p50DurationMs: number | null;
  readonly p95DurationMs: number | null;
  readonly coldStarts: number;
  readonly coldStartShare: number | null;
  readonly costUsd: number | null;
  readonly costReported: number;
  readonly lastError: LastError | null;
  readonly ratingCount: number;
  readonly ratingMean: number | null;
}

/**
 * Returns the value at percentile `p` (0 < p ≤ 100) of `values` by the nearest-rank method, or
 * null for an empty list. Nearest rank always returns an observed value, so a p95 of few
 * samples is the slowest sample rather than an interpolation.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/**
 * Computes the statistics of one endpoint.
 *
 * @param generations generations of this endpoint that finished in `window`, oldest finish first.
 * @param ratings ratings of this endpoint created in `window`.
 */
export function computeEndpointStats(
  endpoint: string,
  app: string,
  window: StatsWindow,
  generations: readonly GenerationRecord[],
  ratings: readonly RatingRecord[],
): EndpointStats {
  const count = (status: GenerationRecord['status']): number => generations.filter((record) => record.status === status).length;
  const succeeded = count('SUCCEEDED');

  // A generation that never reached Modal (queue timeout, removed endpoint) or that its caller
  // canceled says nothing about the endpoint, so it does not count against the success rate.
  const dispatched = generations.filter((record) => record.startedAt !== null && record.status !== 'CANCELED').length;

  const durations = generations
    .filter((record) => record.status === 'SUCCEEDED' && record.startedAt !== null && record.finishedAt !== null)
    .map((record) => record.finishedAt!.getTime() - record.startedAt!.getTime());

  const withColdStartFlag = generations.filter((record) => record.startedAt !== null && record.coldStart !== null);
  const coldStarts = withColdStartFlag.filter((record) => record.coldStart === true).length;

  const costs = generations.map((record) => record.costUsd).filter((cost): cost is number => cost !== null);

  const scores = ratings.map((rating) => rating.score);

  return {
    endpoint,
    app,
    since: window.since,
    until: window.until,
    finished: generations.length,
    succeeded,
    failed: count('FAILED'),
    timedOut: count('TIMED_OUT'),
    canceled: count('CANCELED'),
    dispatched,
    successRate: dispatched > 0 ? succeeded / dispatched : null,
    p50DurationMs: nearestRankPercentile(durations, 50),
    p95DurationMs: nearestRankPercentile(durations, 95),
    coldStarts,
    coldStartShare: withColdStartFlag.length > 0 ? coldStarts / withColdStartFlag.length : null,
    costUsd: costs.length > 0 ? roundUsd(costs.reduce((sum, cost) => sum + cost, 0)) : null,
    costReported: costs.length,
    lastError: findLastError(generations),
    ratingCount: scores.length,
    ratingMean: scores.length > 0 ? scores.reduce((sum, score) => sum + score, 0) / scores.length : null,
  };
}

function findLastError(generations: readonly GenerationRecord[]): LastError | null {
  let last: GenerationRecord | null = null;
  for (const record of generations) {
    if ((record.status === 'FAILED' || record.status === 'TIMED_OUT') && record.finishedAt !== null) {
      if (last === null || record.finishedAt.getTime() >= last.finishedAt!.getTime()) {
        last = record;
      }
    }
  }
  if (last === null) {
    return null;
  }
  return {
    code: last.errorCode ?? last.status,
    message: last.errorMessage ?? last.statusReason ?? '',
    upstreamStatus: last.upstreamStatus,
    upstreamDetail: last.upstreamDetail,
    generationId: last.id,
    at: last.finishedAt!,
  };
}

// Summing binary floats leaves digits such as 0.30000000000000004; micro-dollars are plenty.
function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
