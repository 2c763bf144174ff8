/**
 * Endpoint statistics and threshold breaches computed from generation and rating records.
 */
import { describe, expect, it } from 'vitest';

import { findBreaches, DEFAULT_BREACH_THRESHOLDS } from '../../src/ops/endpoint-breaches.js';
import { computeEndpointStats, nearestRankPercentile, type EndpointStats } from '../../src/ops/endpoint-stats.js';
import type { GenerationRecord, RatingRecord } from '../../src/store/index.js';
import { makeGeneration } from '../store/records.js';

const WINDOW = { since: new Date('2025-03-01T00:00:00Z'), until: new Date('2025-03-02T00:00:00Z') };
const T0 = new Date('2025-03-01T10:00:00Z').getTime();

/** A generation started at T0 that finished `durationMs` later in `status`; `overrides` replace any field. */
function finished(status: GenerationRecord['status'], durationMs: number, overrides: Partial<GenerationRecord> = {}): GenerationRecord {
  return makeGeneration({
    status,
    startedAt: new Date(T0),
    finishedAt: new Date(T0 + durationMs),
    coldStart: false,
    ...overrides,
  });
}

function rating(score: number): RatingRecord {
  return { id: `rat_${score}`, endpoint: '/flux-dev', generationId: null, score, note: null, authorId: 'key_x', createdAt: new Date(T0) };
}

describe('nearestRankPercentile', () => {
  it('returns observed values by nearest rank', () => {
    const values = [50, 10, 40, 20, 30];
    expect(nearestRankPercentile(values, 50)).toBe(30);
    expect(nearestRankPercentile(values, 95)).toBe(50);
    expect(nearestRankPercentile(values, 20)).toBe(10);
    expect(nearestRankPercentile([7], 95)).toBe(7);
  });

  it('returns null for no values', () => {
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});

describe('computeEndpointStats', () => {
  it('counts states, success rate, durations, cold starts and cost', () => {
    const records = [
      finished('SUCCEEDED', 1000, { coldStart: true, costUsd: 0.1 }),
      finished('SUCCEEDED', 2000, { costUsd: 0.2 }),
      finished('SUCCEEDED', 3000),
      finished('FAILED', 500, {
        errorCode: 'UPSTREAM_ERROR',
        errorMessage: 'The endpoint failed to produce an output.',
        upstreamStatus: 500,
        upstreamDetail: 'RuntimeError: CUDA out of memory',
        finishedAt: new Date(T0 + 60_000),
      }),
      finished('TIMED_OUT', 9000, { errorCode: 'DEADLINE_EXCEEDED', errorMessage: 'No result arrived before the deadline.', finishedAt: new Date(T0 + 30_000) }),
      finished('CANCELED', 100),
      // Timed out in the queue: never sent, so it does not count against the endpoint.
      makeGeneration({ status: 'TIMED_OUT', startedAt: null, finishedAt: new Date(T0), errorCode: 'DEADLINE_EXCEEDED' }),
    ];
    const stats = computeEndpointStats('/flux-dev', 'ryla-flux', WINDOW, records, [rating(4), rating(2)]);

    expect(stats.finished).toBe(7);
    expect(stats.succeeded).toBe(3);
    expect(stats.failed).toBe(1);
    expect(stats.timedOut).toBe(2);
    expect(stats.canceled).toBe(1);
    expect(stats.dispatched).toBe(5);
    expect(stats.successRate).toBeCloseTo(3 / 5, 10);
    expect(stats.p50DurationMs).toBe(2000);
    expect(stats.p95DurationMs).toBe(3000);
    expect(stats.coldStarts).toBe(1);
    expect(stats.coldStartShare).toBeCloseTo(1 / 6, 10);
    expect(stats.costUsd).toBe(0.3);
    expect(stats.costReported).toBe(2);
    expect(stats.ratingCount).toBe(2);
    expect(stats.ratingMean).toBe(3);
    expect(stats.lastError).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'The endpoint failed to produce an output.',
      upstreamStatus: 500,
      upstreamDetail: 'RuntimeError: CUDA out of memory',
      generationId: records[3]!.id,
      at: new Date(T0 + 60_000),
    });
  });

  it('returns nulls for an endpoint without data', () => {
    const stats = computeEndpointStats('/flux', 'ryla-flux', WINDOW, [], []);
    expect(stats).toMatchObject({
      finished: 0,
      dispatched: 0,
      successRate: null,
      p50DurationMs: null,
      p95DurationMs: null,
      coldStarts: 0,
      coldStartShare: null,
      costUsd: null,
      costReported: 0,
      lastError: null,
      ratingCount: 0,
      ratingMean: null,
    });
  });
});

describe('findBreaches', () => {
  function stats(overrides: Partial<EndpointStats>): EndpointStats {
    return { ...computeEndpointStats('/flux-dev', 'ryla-flux', WINDOW, [], []), ...overrides };
  }

  it('reports each breached threshold with a reason', () => {
    const entry = stats({
      succeeded: 6,
      dispatched: 10,
      successRate: 0.6,
      p95DurationMs: 900_000,
      ratingCount: 3,
      ratingMean: 2,
      lastError: { code: 'UPSTREAM_ERROR', message: 'm', upstreamStatus: 500, upstreamDetail: null, generationId: 'gen_1', at: new Date(T0) },
    });
    const [breach, ...rest] = findBreaches([entry], DEFAULT_BREACH_THRESHOLDS, () => 1740);

    expect(rest).toEqual([]);
    expect(breach!.endpoint).toBe('/flux-dev');
    expect(breach!.reasons).toEqual([
      {
        metric: 'SUCCESS_RATE',
        threshold: 0.9,
        actual: 0.6,
        message: 'Success rate 60.0% (6 of 10 dispatched) is below 90.0%; last error: UPSTREAM_ERROR.',
      },
      {
        metric: 'P95_DURATION',
        threshold: 870,
        actual: 900,
        message: 'p95 duration 900.0 s over 6 succeeded generations exceeds 870 s (half the 1740 s client deadline).',
      },
      { metric: 'RATING_MEAN', threshold: 3, actual: 2, message: 'Mean rating 2.00 over 3 ratings is below 3.' },
    ]);
  });

  it('skips metrics without enough samples', () => {
    const entry = stats({ succeeded: 1, dispatched: 4, successRate: 0.25, p95DurationMs: 2_000_000, ratingCount: 2, ratingMean: 1 });
    expect(findBreaches([entry], DEFAULT_BREACH_THRESHOLDS, () => 1740)).toEqual([]);
  });

  it('applies a given p95 limit to every endpoint', () => {
    const entry = stats({ succeeded: 5, dispatched: 5, successRate: 1, p95DurationMs: 12_000 });
    const thresholds = { ...DEFAULT_BREACH_THRESHOLDS, maxP95Seconds: 10 };

    const breaches = findBreaches([entry], thresholds, () => undefined);

    expect(breaches.map((breach) => breach.reasons.map((reason) => reason.metric))).toEqual([['P95_DURATION']]);
    expect(breaches[0]!.reasons[0]!.message).toBe('p95 duration 12.0 s over 5 succeeded generations exceeds 10 s (the given limit).');
    expect(findBreaches([entry], DEFAULT_BREACH_THRESHOLDS, () => undefined)).toEqual([]);
  });

  it('sorts by reason count then path', () => {
    const one = stats({ endpoint: '/a', succeeded: 5, dispatched: 10, successRate: 0.5 });
    const two = stats({ endpoint: '/b', succeeded: 5, dispatched: 10, successRate: 0.5, ratingCount: 5, ratingMean: 1 });
    const three = stats({ endpoint: '/0', succeeded: 5, dispatched: 10, successRate: 0.5 });
    expect(findBreaches([one, two, three], DEFAULT_BREACH_THRESHOLDS, () => 1740).map((breach) => breach.endpoint)).toEqual(['/b', '/0', '/a']);
  });
});
