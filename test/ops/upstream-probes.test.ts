/**
 * Upstream probes with the real Modal client against the emulator, a closed port and a server
 * that never responds: results per app and endpoint, the cache, and shared in-flight rounds.
 */
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadCatalog } from '../../src/catalog/catalog.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { UpstreamProbes, type ProbeOutcome } from '../../src/ops/upstream-probes.js';
import { createModalClient, type ModalClient } from '../../src/upstream/index.js';

let emulator: Emulator;
let closedOrigin: string;
let silentServer: net.Server;
let silentOrigin: string;
let client: ModalClient;

const ENDPOINTS_BY_APP = new Map<string, string[]>([
  ['app-up', ['/flux', '/flux-dev']],
  ['app-closed', ['/seedvr2']],
  ['app-silent', ['/wan2.6']],
]);

/** Returns an origin on 127.0.0.1 whose port nothing listens on. */
async function closedPortOrigin(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function healthRequests(): number {
  return emulator.requests.filter((request) => request.path === '/health').length;
}

beforeAll(async () => {
  emulator = await startEmulator({ catalog: loadCatalog().file });
  closedOrigin = await closedPortOrigin();
  // Accepts connections and never responds, like an app whose container is still starting.
  silentServer = net.createServer(() => {});
  await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
  silentOrigin = `http://127.0.0.1:${(silentServer.address() as net.AddressInfo).port}`;

  const origins: Record<string, string> = { 'app-up': emulator.url, 'app-closed': closedOrigin, 'app-silent': silentOrigin };
  client = createModalClient({
    resolveOrigin: (app) => {
      const origin = origins[app];
      if (!origin) {
        throw new Error(`No origin for Modal app "${app}"`);
      }
      return origin;
    },
    retry: { attempts: 1 },
  });
});

afterAll(async () => {
  await client.destroy();
  await emulator.close();
  silentServer.close();
});

describe('UpstreamProbes', () => {
  it('reports each app and endpoint', async () => {
    const seen: string[] = [];
    const probes = new UpstreamProbes({
      client,
      endpointsByApp: ENDPOINTS_BY_APP,
      cacheSeconds: 30,
      // Long enough that a refused connection is reported as refused even on a loaded machine,
      // where the event loop can stall for a few hundred milliseconds.
      timeoutMs: 1500,
      onProbe: (app: string, probe: ProbeOutcome) => seen.push(`${app}:${probe.healthy}`),
    });
    const before = Date.now();

    const report = await probes.check();

    expect(report.cached).toBe(false);
    expect(report.checkedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(report.apps.map((app) => app.app)).toEqual(['app-closed', 'app-silent', 'app-up']);

    const [closed, silent, up] = report.apps;
    expect(up).toMatchObject({ app: 'app-up', reachable: true, healthy: true, status: 200, error: null, endpoints: ['/flux', '/flux-dev'] });
    expect(up!.latencyMs).toBeGreaterThan(0);
    expect(up!.checkedAt.getTime()).toBeGreaterThanOrEqual(before);

    expect(closed).toMatchObject({ app: 'app-closed', reachable: false, healthy: false, status: null, endpoints: ['/seedvr2'] });
    expect(closed!.error?.code).toBe('UPSTREAM_CONNECTION_FAILED');
    expect(closed!.error?.message).toContain(`GET /health on Modal app app-closed at ${closedOrigin} failed`);

    expect(silent).toMatchObject({ app: 'app-silent', reachable: false, healthy: false, status: null });
    expect(silent!.error).toEqual({ code: 'UPSTREAM_TIMEOUT', message: `GET /health on Modal app app-silent at ${silentOrigin} failed: no answer within 1500 ms` });

    expect(report.endpoints).toEqual([
      { path: '/flux', app: 'app-up', reachable: true, healthy: true },
      { path: '/flux-dev', app: 'app-up', reachable: true, healthy: true },
      { path: '/seedvr2', app: 'app-closed', reachable: false, healthy: false },
      { path: '/wan2.6', app: 'app-silent', reachable: false, healthy: false },
    ]);
    expect(seen.sort()).toEqual(['app-closed:false', 'app-silent:false', 'app-up:true']);
  });

  it('serves a second call within the interval from the cache', async () => {
    const probes = new UpstreamProbes({ client, endpointsByApp: new Map([['app-up', ['/flux']]]), cacheSeconds: 30 });
    const first = await probes.check();
    const requestsAfterFirst = healthRequests();

    const second = await probes.check();

    expect(healthRequests()).toBe(requestsAfterFirst);
    expect(second.cached).toBe(true);
    expect(second.checkedAt).toEqual(first.checkedAt);
    expect(second.apps).toEqual(first.apps);
  });

  it('probes again after the interval', async () => {
    let now = 1_000_000;
    const probes = new UpstreamProbes({ client, endpointsByApp: new Map([['app-up', ['/flux']]]), cacheSeconds: 30, now: () => now });
    await probes.check();
    const requestsAfterFirst = healthRequests();

    now += 29_999;
    expect((await probes.check()).cached).toBe(true);
    expect(healthRequests()).toBe(requestsAfterFirst);

    now += 1;
    const third = await probes.check();
    expect(third.cached).toBe(false);
    expect(third.checkedAt.getTime()).toBe(now);
    expect(healthRequests()).toBe(requestsAfterFirst + 1);
  });

  it('shares one round among concurrent callers', async () => {
    const probes = new UpstreamProbes({ client, endpointsByApp: new Map([['app-up', ['/flux']]]), cacheSeconds: 0 });
    const before = healthRequests();

    const reports = await Promise.all([probes.check(), probes.check({ refresh: true }), probes.check()]);

    expect(healthRequests()).toBe(before + 1);
    expect(new Set(reports.map((report) => report.checkedAt.getTime())).size).toBe(1);
  });

  it('skips the cache on refresh', async () => {
    const probes = new UpstreamProbes({ client, endpointsByApp: new Map([['app-up', ['/flux']]]), cacheSeconds: 30 });
    await probes.check();
    const before = healthRequests();

    const refreshed = await probes.check({ refresh: true });

    expect(refreshed.cached).toBe(false);
    expect(healthRequests()).toBe(before + 1);
  });

  it('reports an app without an origin as PROBE_FAILED', async () => {
    const probes = new UpstreamProbes({ client, endpointsByApp: new Map([['app-unknown', ['/flux']], ['app-up', ['/flux-dev']]]), cacheSeconds: 0 });

    const report = await probes.check();

    expect(report.apps.map((app) => [app.app, app.reachable, app.error?.code ?? null])).toEqual([
      ['app-unknown', false, 'PROBE_FAILED'],
      ['app-up', true, null],
    ]);
    expect(report.apps[0]!.error?.message).toBe('The probe of Modal app app-unknown could not be sent: No origin for Modal app "app-unknown"');
  });
});
