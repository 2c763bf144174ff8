import { afterEach, describe, expect, it } from 'vitest';

import { createModalClient, type ModalClient } from '../../src/upstream/index.js';
import { closedPortOrigin, delay, sendJson, sendSeeOther, startFakeModal, type FakeModal } from './fake-modal.js';

let fake: FakeModal | undefined;
let client: ModalClient | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

describe('probeHealth', () => {
  it('reports a healthy app', async () => {
    fake = await startFakeModal((_request, response) => sendJson(response, 200, { status: 'healthy', app: 'ryla-flux' }));
    const origin = fake.origin;
    client = createModalClient({ resolveOrigin: () => origin, proxyAuth: { key: 'wk-1', secret: 'ws-1' } });

    const probe = await client.probeHealth('ryla-flux', { timeoutMs: 1000 });

    expect(probe.reachable).toBe(true);
    expect(probe.healthy).toBe(true);
    expect(probe.status).toBe(200);
    expect(probe.latencyMs).toBeGreaterThan(0);
    expect(probe.error).toBeUndefined();
    expect(fake.requests[0]?.method).toBe('GET');
    expect(fake.requests[0]?.url).toBe('/health');
    expect(fake.requests[0]?.headers['modal-key']).toBe('wk-1');
  });

  it('reports a reachable app that is not healthy', async () => {
    fake = await startFakeModal((_request, response) => sendJson(response, 404, { detail: 'Not Found' }));
    const origin = fake.origin;
    client = createModalClient({ resolveOrigin: () => origin });

    const probe = await client.probeHealth('ryla-flux');

    expect(probe).toMatchObject({ reachable: true, healthy: false, status: 404 });
  });

  it('reports a refused connection', async () => {
    const origin = await closedPortOrigin();
    client = createModalClient({ resolveOrigin: () => origin });

    const probe = await client.probeHealth('ryla-flux', { timeoutMs: 1000 });

    expect(probe.reachable).toBe(false);
    expect(probe.healthy).toBe(false);
    expect(probe.error?.code).toBe('UPSTREAM_CONNECTION_FAILED');
    expect(probe.error?.message).toContain(`GET /health on Modal app ryla-flux at ${origin} failed: ECONNREFUSED`);
  });

  it('gives up after timeoutMs', async () => {
    fake = await startFakeModal(() => undefined);
    const origin = fake.origin;
    client = createModalClient({ resolveOrigin: () => origin });
    const startedAt = performance.now();

    const probe = await client.probeHealth('ryla-flux', { timeoutMs: 150 });

    expect(probe.reachable).toBe(false);
    expect(probe.error?.code).toBe('UPSTREAM_TIMEOUT');
    expect(probe.error?.message).toContain('no answer within 150 ms');
    expect(performance.now() - startedAt).toBeLessThan(1000);
  });

  it('is not queued behind busy job connections', async () => {
    fake = await startFakeModal(async (request, response) => {
      if (request.url === '/health') {
        sendJson(response, 200, { status: 'healthy', app: 'ryla-flux' });
        return;
      }
      await delay(300);
      sendSeeOther(response, '/flux-dev?__modal_function_call_id=fc-1');
    });
    const origin = fake.origin;
    client = createModalClient({ resolveOrigin: () => origin, connections: 1, maxHops: 1 });
    const job = client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: Date.now() + 5000 }).catch(() => undefined);
    await delay(50);

    const probe = await client.probeHealth('ryla-flux', { timeoutMs: 200 });

    expect(probe.healthy).toBe(true);
    await job;
  });
});
