/**
 * internal.upstreamHealth over GraphQL: every app healthy on the emulator, the cache counted by
 * the emulator's /health requests, and every app unreachable behind a closed port.
 */
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestGateway, type TestGateway } from '../support/gateway-harness.js';

const HEALTH_QUERY = /* GraphQL */ `
  query Health($refresh: Boolean) {
    internal {
      upstreamHealth(refresh: $refresh) {
        checkedAt cached
        apps { app reachable healthy status latencyMs checkedAt error { code message } endpoints }
        endpoints { path app reachable healthy }
      }
    }
  }
`;

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
});

afterAll(async () => {
  await t.close();
});

async function upstreamHealth(gateway: TestGateway, refresh?: boolean): Promise<any> {
  const response = await gateway.gql('internal', HEALTH_QUERY, refresh === undefined ? {} : { refresh });
  expect(response.body.errors, response.text).toBeUndefined();
  return response.body.data.internal.upstreamHealth;
}

function healthRequests(gateway: TestGateway): number {
  return gateway.emulator.requests.filter((request) => request.path === '/health').length;
}

describe('upstreamHealth', () => {
  it('reports every app reachable and healthy on the emulator', async () => {
    const catalog = t.gateway.services.catalog;

    const health = await upstreamHealth(t);

    expect(health.cached).toBe(false);
    expect(health.apps.map((app: any) => app.app)).toEqual([...catalog.apps.keys()].sort());
    for (const app of health.apps) {
      expect(app).toMatchObject({ reachable: true, healthy: true, status: 200, error: null });
      expect(app.latencyMs).toBeGreaterThan(0);
      expect(Date.parse(app.checkedAt)).toBeGreaterThanOrEqual(Date.parse(health.checkedAt));
      expect(app.endpoints).toEqual(
        [...catalog.endpoints.values()].filter((endpoint) => endpoint.app === app.app).map((endpoint) => endpoint.path).sort(),
      );
    }
    expect(health.endpoints).toHaveLength(catalog.endpoints.size);
    expect(health.endpoints.find((endpoint: any) => endpoint.path === '/flux-pulid')).toEqual({
      path: '/flux-pulid',
      app: 'ryla-instantid',
      reachable: true,
      healthy: true,
    });
  });

  it('serves a second call within the interval from the cache', async () => {
    await upstreamHealth(t, true);
    const before = healthRequests(t);

    const second = await upstreamHealth(t);

    expect(second.cached).toBe(true);
    expect(healthRequests(t)).toBe(before);
  });

  it('probes every app again on refresh', async () => {
    const before = healthRequests(t);

    const refreshed = await upstreamHealth(t, true);

    expect(refreshed.cached).toBe(false);
    expect(healthRequests(t)).toBe(before + t.gateway.services.catalog.apps.size);
  });

  it('is not on the client path', async () => {
    const before = healthRequests(t);
    await t.gql('client', '{ capabilities { path } }');

    expect(healthRequests(t)).toBe(before);
  });
});

describe('upstreamHealth behind a closed port', () => {
  let closed: TestGateway;
  let origin: string;

  beforeAll(async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    closed = await startTestGateway({ env: { MODAL_ORIGIN_OVERRIDE: origin, PROBE_CACHE_SECONDS: '0' } });
  });

  afterAll(async () => {
    await closed.close();
  });

  it('reports every app unreachable', async () => {
    const health = await upstreamHealth(closed);

    for (const app of health.apps) {
      expect(app).toMatchObject({ reachable: false, healthy: false, status: null });
      expect(app.error.code).toBe('UPSTREAM_CONNECTION_FAILED');
      expect(app.error.message).toContain(`GET /health on Modal app ${app.app} at ${origin} failed`);
    }
    expect(health.endpoints.every((endpoint: any) => !endpoint.reachable && !endpoint.healthy)).toBe(true);
  });

  it('does not cache with PROBE_CACHE_SECONDS=0', async () => {
    await upstreamHealth(closed);

    expect((await upstreamHealth(closed)).cached).toBe(false);
  });
});
