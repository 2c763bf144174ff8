/**
 * /metrics on a running gateway: access only with the internal key, and the samples that
 * GraphQL requests, generations, 303 hops, queues and probes produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { INTERNAL_KEY, CLIENT_KEY, startTestGateway, type TestGateway } from '../support/gateway-harness.js';
import { createGeneration, runGeneration, sampleValue } from './helpers.js';

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway({ env: { APP_CONCURRENCY: 'ryla-wan26=1' } });
});

afterAll(async () => {
  await t.close();
});

async function readMetrics(): Promise<string> {
  const response = await t.raw({ path: '/metrics', headers: { authorization: `Bearer ${INTERNAL_KEY}` } });
  expect(response.status).toBe(200);
  return response.text;
}

describe('/metrics access', () => {
  const refusal = {
    errors: [
      {
        message: 'Metrics need the internal API key. Send the header "Authorization: Bearer <internal key>".',
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ],
  };

  it('rejects a request without a key', async () => {
    const response = await t.raw({ path: '/metrics' });

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(response.text)).toEqual(refusal);
  });

  it('rejects a client key', async () => {
    const response = await t.raw({ path: '/metrics', headers: { authorization: `Bearer ${CLIENT_KEY}` } });

    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual(refusal);
  });

  it('serves the text format to the internal key', async () => {
    const response = await t.raw({ path: '/metrics', headers: { authorization: `Bearer ${INTERNAL_KEY}` } });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.text).toContain('# TYPE gateway_graphql_operations_total counter');
    expect(response.text).toContain('# TYPE process_cpu_seconds_total counter');
  });
});

describe('GraphQL operation samples', () => {
  it('counts operations by name, role and outcome', async () => {
    await t.gql('client', 'query Caps { capabilities { path } }');
    await t.gql('client', 'query Caps { capabilities { path } }');
    await t.gql('client', '{ capabilities { path } }');
    await t.gql('client', 'query Broken { capability(path: "/nope") { path } }');
    await t.gql('none', '{ capabilities { path } }');
    await t.gql('internal', `query ${'L'.repeat(65)} { capabilities { path } }`);
    await t.raw({ path: '/healthz' });
    await t.raw({ path: '/readyz' });

    const text = await readMetrics();
    const operations = 'gateway_graphql_operations_total';
    expect(sampleValue(text, operations, { operation: 'Caps', role: 'client', outcome: 'success' })).toBe(2);
    expect(sampleValue(text, operations, { operation: 'anonymous', role: 'client', outcome: 'success' })).toBe(1);
    expect(sampleValue(text, operations, { operation: 'Broken', role: 'client', outcome: 'error' })).toBe(1);
    expect(sampleValue(text, operations, { operation: 'anonymous', role: 'none', outcome: 'error' })).toBe(1);
    expect(sampleValue(text, operations, { operation: 'other', role: 'internal', outcome: 'success' })).toBe(1);
    // Health routes are not GraphQL operations.
    expect(sampleValue(text, operations, { operation: 'anonymous', role: 'none', outcome: 'success' })).toBeUndefined();
    expect(sampleValue(text, 'gateway_graphql_operation_duration_seconds_count', { operation: 'Caps', role: 'client' })).toBe(2);
  });
});

describe('generation and upstream samples', () => {
  it('counts generations by endpoint and final state', async () => {
    t.emulator.setFault('/flux', { failAfterAccept: true });
    try {
      expect((await runGeneration(t, '/flux-dev', { prompt: 'a lighthouse' })).status).toBe('SUCCEEDED');
      expect((await runGeneration(t, '/flux', { prompt: 'a lighthouse' })).status).toBe('FAILED');
    } finally {
      t.emulator.clearFaults('/flux');
    }

    const text = await readMetrics();
    expect(sampleValue(text, 'gateway_generations_finished_total', { endpoint: '/flux-dev', status: 'SUCCEEDED' })).toBe(1);
    expect(sampleValue(text, 'gateway_generations_finished_total', { endpoint: '/flux', status: 'FAILED' })).toBe(1);
    expect(sampleValue(text, 'gateway_generation_duration_seconds_count', { endpoint: '/flux-dev', status: 'SUCCEEDED' })).toBe(1);
    expect(sampleValue(text, 'gateway_upstream_call_duration_seconds_count', { endpoint: '/flux-dev', outcome: 'success' })).toBe(1);
    expect(sampleValue(text, 'gateway_upstream_call_duration_seconds_count', { endpoint: '/flux', outcome: 'UPSTREAM_HTTP_ERROR' })).toBe(1);
    expect(sampleValue(text, 'gateway_upstream_request_duration_seconds_count', { endpoint: '/flux-dev', kind: 'post' })).toBe(1);
  });

  it('records 303 hops in the upstream latency', async () => {
    t.emulator.setFault('/z-image-simple', { redirectHops: 3, latencyMs: 30 });
    try {
      const generation = await runGeneration(t, '/z-image-simple', { prompt: 'a lighthouse' });
      expect(generation.status).toBe('SUCCEEDED');
      expect(generation.hops).toBe(3);
    } finally {
      t.emulator.clearFaults('/z-image-simple');
    }

    const text = await readMetrics();
    expect(sampleValue(text, 'gateway_upstream_result_hops_total', { endpoint: '/z-image-simple' })).toBe(3);
    expect(sampleValue(text, 'gateway_upstream_request_duration_seconds_count', { endpoint: '/z-image-simple', kind: 'result_get' })).toBe(3);
    expect(sampleValue(text, 'gateway_upstream_call_duration_seconds_count', { endpoint: '/z-image-simple', outcome: 'success' })).toBe(1);
    // The whole call spans the POST and the three GETs, each delayed by 30 ms.
    expect(sampleValue(text, 'gateway_upstream_call_duration_seconds_sum', { endpoint: '/z-image-simple', outcome: 'success' })).toBeGreaterThanOrEqual(0.12);
  });

  it('reports queue depth and in-flight generations per app', async () => {
    const before = await readMetrics();
    expect(sampleValue(before, 'gateway_queue_depth', { app: 'ryla-wan26' })).toBe(0);
    expect(sampleValue(before, 'gateway_generations_in_flight', { app: 'ryla-wan26' })).toBe(0);

    t.emulator.setFault('/wan2.6', { latencyMs: 600 });
    try {
      const first = await createGeneration(t, '/wan2.6', { prompt: 'waves' });
      const second = await createGeneration(t, '/wan2.6', { prompt: 'waves' });
      await t.waitForGeneration(first, (generation) => generation.status === 'RUNNING');

      const during = await readMetrics();
      expect(sampleValue(during, 'gateway_generations_in_flight', { app: 'ryla-wan26' })).toBe(1);
      expect(sampleValue(during, 'gateway_queue_depth', { app: 'ryla-wan26' })).toBe(1);

      await t.waitForGeneration(first);
      await t.waitForGeneration(second);
    } finally {
      t.emulator.clearFaults('/wan2.6');
    }

    const after = await readMetrics();
    expect(sampleValue(after, 'gateway_queue_depth', { app: 'ryla-wan26' })).toBe(0);
    expect(sampleValue(after, 'gateway_generations_in_flight', { app: 'ryla-wan26' })).toBe(0);
  });

  it('reports the last probe per app', async () => {
    const response = await t.gql('internal', '{ internal { upstreamHealth { apps { app healthy } } } }');
    expect(response.body.errors, response.text).toBeUndefined();

    const text = await readMetrics();
    expect(sampleValue(text, 'gateway_upstream_healthy', { app: 'ryla-flux' })).toBe(1);
    expect(sampleValue(text, 'gateway_upstream_probe_duration_seconds', { app: 'ryla-flux' })).toBeGreaterThan(0);
  });
});
