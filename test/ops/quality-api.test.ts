/**
 * Endpoint quality over GraphQL: statistics from generations driven through the emulator
 * (successes, a failure, a slow cold start), ratings, breaches and window validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestGateway, type TestGateway } from '../support/gateway-harness.js';
import { runGeneration } from './helpers.js';

const STATS_FIELDS = /* GraphQL */ `
  endpoint app since until finished succeeded failed timedOut canceled dispatched successRate
  p50DurationMs p95DurationMs coldStarts coldStartShare costUsd costReported
  lastError { code message upstreamStatus upstreamDetail generationId at }
  ratingCount ratingMean
`;

const STATS_QUERY = /* GraphQL */ `
  query Stats($endpoint: String, $since: DateTime, $until: DateTime) {
    internal { endpointStats(endpoint: $endpoint, since: $since, until: $until) { ${STATS_FIELDS} } }
  }
`;

const RATE_MUTATION = /* GraphQL */ `
  mutation Rate($input: RateEndpointInput!) {
    rateEndpoint(input: $input) {
      rating { id endpoint generationId score note createdAt }
      userErrors { field code message }
    }
  }
`;

const BREACHES_QUERY = /* GraphQL */ `
  query Breaches($minGenerations: Int, $minRatings: Int, $maxP95Seconds: Float) {
    internal {
      endpointBreaches(minGenerations: $minGenerations, minRatings: $minRatings, maxP95Seconds: $maxP95Seconds) {
        endpoint
        stats { successRate ratingMean }
        reasons { metric threshold actual message }
      }
    }
  }
`;

const COLD_START_LATENCY_MS = 400;

let t: TestGateway;
let startedAt: Date;
const generations: any[] = [];

beforeAll(async () => {
  t = await startTestGateway();
  startedAt = new Date();

  // The first call to ryla-flux is a cold start; the emulator delays it like a booting container.
  t.emulator.setFault('/flux-dev', { latencyMs: COLD_START_LATENCY_MS });
  generations.push(await runGeneration(t, '/flux-dev', { prompt: 'cold start' }));
  t.emulator.clearFaults('/flux-dev');
  for (let index = 0; index < 3; index += 1) {
    generations.push(await runGeneration(t, '/flux-dev', { prompt: `warm ${index}` }));
  }
  t.emulator.setFault('/flux-dev', { failAfterAccept: { status: 500, message: 'CUDA out of memory' } });
  generations.push(await runGeneration(t, '/flux-dev', { prompt: 'fails' }));
  t.emulator.clearFaults('/flux-dev');
});

afterAll(async () => {
  await t.close();
});

async function statsOf(endpoint: string, window: { since?: string; until?: string } = {}): Promise<any> {
  const response = await t.gql('internal', STATS_QUERY, { endpoint, ...window });
  expect(response.body.errors, response.text).toBeUndefined();
  const list = response.body.data.internal.endpointStats;
  expect(list).toHaveLength(1);
  return list[0];
}

describe('endpointStats', () => {
  it('summarises the generations of an endpoint', async () => {
    expect(generations.map((generation) => generation.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED']);
    const failed = generations[4];
    const succeeded = generations.slice(0, 4);
    const durations = succeeded.map((generation) => Date.parse(generation.finishedAt) - Date.parse(generation.startedAt)).sort((a, b) => a - b);
    const cost = succeeded.reduce((sum, generation) => sum + generation.cost.usd, 0);

    const stats = await statsOf('/flux-dev');

    expect(stats).toMatchObject({
      endpoint: '/flux-dev',
      app: 'ryla-flux',
      finished: 5,
      succeeded: 4,
      failed: 1,
      timedOut: 0,
      canceled: 0,
      dispatched: 5,
      successRate: 0.8,
      coldStarts: 1,
      coldStartShare: 0.2,
      costReported: 4,
      ratingCount: 0,
      ratingMean: null,
    });
    expect(stats.costUsd).toBeCloseTo(cost, 6);
    expect(stats.p50DurationMs).toBe(durations[1]);
    expect(stats.p95DurationMs).toBe(durations[3]);
    expect(stats.p95DurationMs).toBeGreaterThanOrEqual(COLD_START_LATENCY_MS);
    expect(stats.p50DurationMs).toBeLessThan(COLD_START_LATENCY_MS);
    expect(stats.lastError).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'The endpoint failed to produce an output.',
      upstreamStatus: 500,
      upstreamDetail: failed.error.upstreamDetail,
      generationId: failed.id,
      at: failed.finishedAt,
    });
    expect(stats.lastError.upstreamDetail).toContain('CUDA out of memory');
  });

  it('lists every catalog endpoint by default', async () => {
    const response = await t.gql('internal', STATS_QUERY, {});
    const list = response.body.data.internal.endpointStats as any[];

    expect(list.map((entry) => entry.endpoint)).toEqual([...t.gateway.services.catalog.endpoints.keys()].sort((a, b) => a.localeCompare(b)));
    expect(list.find((entry) => entry.endpoint === '/flux')).toMatchObject({ app: 'ryla-flux', finished: 0, successRate: null, p95DurationMs: null, lastError: null });
  });

  it('counts only generations finished in the window', async () => {
    const until = startedAt.toISOString();
    const since = new Date(startedAt.getTime() - 3_600_000).toISOString();

    const stats = await statsOf('/flux-dev', { since, until });

    expect(stats).toMatchObject({ since, until, finished: 0, dispatched: 0, successRate: null });
  });

  it('rejects an invalid window or endpoint', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { since: '2025-03-02T00:00:00.000Z', until: '2025-03-01T00:00:00.000Z' },
        'since',
        '"since" (2025-03-02T00:00:00.000Z) must be before "until" (2025-03-01T00:00:00.000Z).',
      ],
      [
        { since: '2025-01-01T00:00:00.000Z', until: '2025-03-01T00:00:00.000Z' },
        'since',
        'The window from 2025-01-01T00:00:00.000Z to 2025-03-01T00:00:00.000Z is longer than 31 days; query shorter windows and combine them.',
      ],
      [
        { endpoint: '/no-such-endpoint' },
        'endpoint',
        'No endpoint "/no-such-endpoint" is or was in the catalog. Pass a path from internal.endpoints or internal.removedEndpoints, or omit "endpoint".',
      ],
    ];
    for (const [variables, argumentName, message] of cases) {
      const response = await t.gql('internal', STATS_QUERY, variables);
      expect(response.body.errors, JSON.stringify(variables)).toEqual([
        expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', argumentName } }),
      ]);
    }
  });
});

describe('rateEndpoint', () => {
  it('records ratings that the stats count', async () => {
    const first = await t.gql('internal', RATE_MUTATION, { input: { endpoint: '/flux-dev', score: 2, note: 'faces drift' } });
    const second = await t.gql('internal', RATE_MUTATION, { input: { endpoint: '/flux-dev', generationId: generations[0].id, score: 1 } });
    const third = await t.gql('internal', RATE_MUTATION, { input: { endpoint: '/flux-dev', score: 3 } });

    expect(first.body.data.rateEndpoint.userErrors).toEqual([]);
    expect(first.body.data.rateEndpoint.rating).toMatchObject({ endpoint: '/flux-dev', generationId: null, score: 2, note: 'faces drift' });
    expect(second.body.data.rateEndpoint.rating).toMatchObject({ generationId: generations[0].id, score: 1, note: null });
    expect(third.body.data.rateEndpoint.userErrors).toEqual([]);

    const stats = await statsOf('/flux-dev');
    expect(stats.ratingCount).toBe(3);
    expect(stats.ratingMean).toBe(2);

    const ratings = await t.gql('internal', '{ internal { ratings(endpoint: "/flux-dev", first: 2) { score note } } }');
    expect(ratings.body.data.internal.ratings).toEqual([
      { score: 3, note: null },
      { score: 1, note: null },
    ]);
  });

  it('returns user errors for invalid ratings', async () => {
    const outOfRange = await t.gql('internal', RATE_MUTATION, { input: { endpoint: '/flux-dev', score: 6 } });
    const wrongEndpoint = await t.gql('internal', RATE_MUTATION, { input: { endpoint: '/flux', generationId: generations[0].id, score: 4 } });

    expect(outOfRange.body.data.rateEndpoint).toEqual({
      rating: null,
      userErrors: [{ field: ['input', 'score'], code: 'OUT_OF_RANGE', message: 'A score is a whole number from 1 to 5; got 6.' }],
    });
    expect(wrongEndpoint.body.data.rateEndpoint.userErrors).toEqual([
      { field: ['input', 'generationId'], code: 'INVALID_VALUE', message: `Generation ${generations[0].id} ran on /flux-dev, not /flux.` },
    ]);
  });
});

describe('endpointBreaches', () => {
  it('lists the endpoint with each breached threshold', async () => {
    // Four generations succeeded, so p95 needs minGenerations 4 to be judged.
    const response = await t.gql('internal', BREACHES_QUERY, { minGenerations: 4, minRatings: 2, maxP95Seconds: 0.1 });
    expect(response.body.errors, response.text).toBeUndefined();
    const breaches = response.body.data.internal.endpointBreaches as any[];

    expect(breaches.map((breach) => breach.endpoint)).toEqual(['/flux-dev']);
    const [breach] = breaches;
    expect(breach.stats).toEqual({ successRate: 0.8, ratingMean: 2 });
    expect(breach.reasons.map((reason: any) => reason.metric)).toEqual(['SUCCESS_RATE', 'P95_DURATION', 'RATING_MEAN']);
    expect(breach.reasons[0]).toEqual({
      metric: 'SUCCESS_RATE',
      threshold: 0.9,
      actual: 0.8,
      message: 'Success rate 80.0% (4 of 5 dispatched) is below 90.0%; last error: UPSTREAM_ERROR.',
    });
    expect(breach.reasons[1]).toMatchObject({ metric: 'P95_DURATION', threshold: 0.1 });
    expect(breach.reasons[1].actual).toBeGreaterThanOrEqual(COLD_START_LATENCY_MS / 1000);
    expect(breach.reasons[2]).toEqual({ metric: 'RATING_MEAN', threshold: 3, actual: 2, message: 'Mean rating 2.00 over 3 ratings is below 3.' });
  });

  it('uses half the client deadline as the default p95 limit', async () => {
    const response = await t.gql('internal', BREACHES_QUERY, { minGenerations: 4 });
    const [breach] = response.body.data.internal.endpointBreaches as any[];

    expect(breach.reasons.map((reason: any) => reason.metric)).toEqual(['SUCCESS_RATE', 'RATING_MEAN']);
  });

  it('rejects an out-of-range threshold', async () => {
    const response = await t.gql('internal', '{ internal { endpointBreaches(minSuccessRate: 1.5) { endpoint } } }');

    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: '"minSuccessRate" is a share from 0 to 1, such as 0.9; got 1.5.',
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'minSuccessRate' },
      }),
    ]);
  });
});
