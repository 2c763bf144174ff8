/**
 * Finds endpoints whose statistics breach quality thresholds, as input to the decisions to
 * stabilise or deprioritise an endpoint. A metric is judged only with enough samples, so one
 * failed generation does not flag an endpoint.
 */
import type { EndpointStats } from './endpoint-stats.js';

export type BreachMetric = 'SUCCESS_RATE' | 'P95_DURATION' | 'RATING_MEAN';

export interface BreachReason {
  readonly metric: BreachMetric;
  readonly threshold: number;
  readonly actual: number;
  readonly message: string;
}

export interface EndpointBreach {
  readonly endpoint: string;
  readonly stats: EndpointStats;
  readonly reasons: BreachReason[];
}

export interface BreachThresholds {
  /** Lowest acceptable success rate, from 0 to 1. */
  readonly minSuccessRate: number;
  /**
   * Highest acceptable p95 duration in seconds for every endpoint, or null to use half of each
   * endpoint's client deadline.
   */
  readonly maxP95Seconds: number | null;
  /** Lowest acceptable mean rating, from 1 to 5. */
  readonly minRatingMean: number;
  /** Dispatched (for the success rate) or succeeded (for p95) generations needed to judge. */
  readonly minGenerations: number;
  /** Ratings needed to judge the mean rating. */
  readonly minRatings: number;
}

export const DEFAULT_BREACH_THRESHOLDS: BreachThresholds = {
  minSuccessRate: 0.9,
  maxP95Seconds: null,
  minRatingMean: 3,
  minGenerations: 5,
  minRatings: 3,
};

/**
 * Returns the endpoints that breach at least one threshold, the most reasons first.
 *
 * @param deadlineSecondsOf the client deadline of an endpoint, or undefined for an endpoint no
 * longer in the catalog. Such endpoints skip the p95 check unless `maxP95Seconds` is set.
 */
export function findBreaches(
  stats: readonly EndpointStats[],
  thresholds: BreachThresholds,
  deadlineSecondsOf: (endpoint: string) => number | undefined,
): EndpointBreach[] {
  const breaches: EndpointBreach[] = [];
  for (const entry of stats) {
    const reasons = [
      successRateReason(entry, thresholds),
      p95Reason(entry, thresholds, deadlineSecondsOf(entry.endpoint)),
      ratingReason(entry, thresholds),
    ].filter((reason): reason is BreachReason => reason !== null);
    if (reasons.length > 0) {
      breaches.push({ endpoint: entry.endpoint, stats: entry, reasons });
    }
  }
  return breaches.sort((a, b) => b.reasons.length - a.reasons.length || a.endpoint.localeCompare(b.endpoint));
}

function successRateReason(stats: EndpointStats, thresholds: BreachThresholds): BreachReason | null {
  if (stats.successRate === null || stats.dispatched < thresholds.minGenerations || stats.successRate >= thresholds.minSuccessRate) {
    return null;
  }
  return {
    metric: 'SUCCESS_RATE',
    threshold: thresholds.minSuccessRate,
    actual: stats.successRate,
    message:
      `Success rate ${formatShare(stats.successRate)} (${stats.succeeded} of ${stats.dispatched} dispatched) is below ` +
      `${formatShare(thresholds.minSuccessRate)}; last error: ${stats.lastError?.code ?? 'none recorded'}.`,
  };
}

function p95Reason(stats: EndpointStats, thresholds: BreachThresholds, deadlineSeconds: number | undefined): BreachReason | null {
  const limitSeconds = thresholds.maxP95Seconds ?? (deadlineSeconds === undefined ? null : deadlineSeconds / 2);
  if (limitSeconds === null || stats.p95DurationMs === null || stats.succeeded < thresholds.minGenerations) {
    return null;
  }
  const actualSeconds = stats.p95DurationMs / 1000;
  if (actualSeconds <= limitSeconds) {
    return null;
  }
  const source = thresholds.maxP95Seconds === null ? `half the ${deadlineSeconds} s client deadline` : 'the given limit';
  return {
    metric: 'P95_DURATION',
    threshold: limitSeconds,
    actual: actualSeconds,
    message: `p95 duration ${actualSeconds.toFixed(1)} s over ${stats.succeeded} succeeded generations exceeds ${limitSeconds} s (${source}).`,
  };
}

function ratingReason(stats: EndpointStats, thresholds: BreachThresholds): BreachReason | null {
  if (stats.ratingMean === null || stats.ratingCount < thresholds.minRatings || stats.ratingMean >= thresholds.minRatingMean) {
    return null;
  }
  return {
    metric: 'RATING_MEAN',
    threshold: thresholds.minRatingMean,
    actual: stats.ratingMean,
    message: `Mean rating ${stats.ratingMean.toFixed(2)} over ${stats.ratingCount} ratings is below ${thresholds.minRatingMean}.`,
  };
}

function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
