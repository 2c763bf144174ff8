import { afterEach, describe, expect, it } from 'vitest';

import { createModalClient, type ModalClient, type ModalClientOptions, type UpstreamEvent } from '../../src/upstream/index.js';
import { delay, sendJson, sendSeeOther, startFakeModal, type FakeModal, type Route } from './fake-modal.js';

const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x80]);
const RESULT_PATH = '/flux-dev?__modal_function_call_id=fc-01TEST';

let fake: FakeModal | undefined;
let client: ModalClient | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function setUp(route: Route, options: Partial<ModalClientOptions> = {}): Promise<{ fake: FakeModal; client: ModalClient }> {
  fake = await startFakeModal(route);
  const origin = fake.origin;
  client = createModalClient({ resolveOrigin: () => origin, retry: { attempts: 1 }, ...options });
  return { fake, client };
}

function sendPng(response: Parameters<Route>[1], extraHeaders: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': PNG_BYTES.length, ...extraHeaders });
  response.end(PNG_BYTES);
}

const soon = (): number => Date.now() + 10_000;

describe('submit', () => {
  it('returns the output of a single response', async () => {
    const { fake, client } = await setUp((_request, response) =>
      sendPng(response, { 'x-cost-usd': '0.0123', 'x-execution-time-sec': '4.5', 'x-gpu-type': 'L40S', 'x-model': 'flux-dev' }),
    );

    const result = await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{"prompt":"a cat"}', deadlineAt: soon() });

    expect(result.status).toBe(200);
    expect(result.bytes.equals(PNG_BYTES)).toBe(true);
    expect(result.contentType).toBe('image/jpeg');
    expect(result.hops).toBe(0);
    expect(result.attempts).toBe(1);
    expect(result.resultUrl).toBeUndefined();
    expect(result.headers.costUsd).toBe(0.0123);
    expect(result.headers.executionTimeSec).toBe(4.5);
    expect(result.headers.gpuType).toBe('L40S');
    expect(result.headers.raw['x-model']).toBe('flux-dev');
    expect(result.timings.hopMs).toEqual([]);
    expect(result.timings.firstByteMs).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.firstByteMs);

    const [post] = fake.requests;
    expect(fake.requests).toHaveLength(1);
    expect(post?.method).toBe('POST');
    expect(post?.url).toBe('/flux-dev');
    expect(post?.headers['content-type']).toBe('application/json');
  });

  it('sends the body byte for byte, 64-bit seed included', async () => {
    const body = '{"prompt":"caf\u00e9 \u{1f431}","seed":18446744073709551615,"cfg":3.50}';
    const { fake, client } = await setUp((_request, response) => sendPng(response));

    await client.submit({ app: 'ryla-flux', path: '/flux-dev', body, deadlineAt: soon() });

    const received = fake.requests[0]?.body;
    expect(received?.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(received?.toString('utf8')).toContain('"seed":18446744073709551615');
  });

  it('follows N 303 hops with one POST and GETs on the same URL', async () => {
    let gets = 0;
    const { fake, client } = await setUp((request, response) => {
      if (request.method === 'POST') {
        sendSeeOther(response, RESULT_PATH);
        return;
      }
      gets += 1;
      if (gets < 3) {
        sendSeeOther(response, RESULT_PATH);
        return;
      }
      sendPng(response);
    });

    const result = await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: soon() });

    expect(result.bytes.equals(PNG_BYTES)).toBe(true);
    expect(result.hops).toBe(3);
    expect(result.timings.hopMs).toHaveLength(3);
    expect(result.resultUrl).toBe(`${fake.origin}${RESULT_PATH}`);
    expect(fake.byMethod('POST')).toHaveLength(1);
    expect(fake.byMethod('GET').map((request) => request.url)).toEqual([RESULT_PATH, RESULT_PATH, RESULT_PATH]);
    expect(fake.byMethod('GET').every((request) => request.body.length === 0)).toBe(true);
  });

  it('awaits onAccepted with the Location before the first GET', async () => {
    const { fake, client } = await setUp((request, response) => {
      if (request.method === 'POST') {
        sendSeeOther(response, RESULT_PATH);
        return;
      }
      sendPng(response);
    });
    const seen: Array<{ url: string; getsBeforeStore: number; getsAfterStore: number }> = [];

    await client.submit({
      app: 'ryla-flux',
      path: '/flux-dev',
      body: '{}',
      deadlineAt: soon(),
      onAccepted: async (url) => {
        const getsBeforeStore = fake.byMethod('GET').length;
        await delay(50);
        seen.push({ url, getsBeforeStore, getsAfterStore: fake.byMethod('GET').length });
      },
    });

    expect(seen).toEqual([{ url: `${fake.origin}${RESULT_PATH}`, getsBeforeStore: 0, getsAfterStore: 0 }]);
    expect(fake.byMethod('GET')).toHaveLength(1);
  });

  it('reports a changed result URL through onAccepted', async () => {
    const { fake, client } = await setUp((request, response) => {
      if (request.method === 'POST') {
        sendSeeOther(response, '/flux-dev?__modal_function_call_id=fc-A');
      } else if (request.url.endsWith('fc-A')) {
        sendSeeOther(response, '/flux-dev?__modal_function_call_id=fc-B');
      } else {
        sendPng(response);
      }
    });
    const accepted: string[] = [];

    const result = await client.submit({
      app: 'ryla-flux',
      path: '/flux-dev',
      body: '{}',
      deadlineAt: soon(),
      onAccepted: (url) => {
        accepted.push(url);
      },
    });

    expect(accepted).toEqual([
      `${fake.origin}/flux-dev?__modal_function_call_id=fc-A`,
      `${fake.origin}/flux-dev?__modal_function_call_id=fc-B`,
    ]);
    expect(result.resultUrl).toBe(`${fake.origin}/flux-dev?__modal_function_call_id=fc-B`);
  });

  it('passes an onAccepted exception through unchanged', async () => {
    const { fake, client } = await setUp((request, response) => {
      if (request.method === 'POST') {
        sendSeeOther(response, RESULT_PATH);
        return;
      }
      sendPng(response);
    });
    const storeFailure = new Error('database is locked');

    const outcome = client.submit({
      app: 'ryla-flux',
      path: '/flux-dev',
      body: '{}',
      deadlineAt: soon(),
      onAccepted: () => {
        throw storeFailure;
      },
    });

    await expect(outcome).rejects.toBe(storeFailure);
    expect(fake.byMethod('GET')).toHaveLength(0);
  });

  it('sends proxy auth headers on the POST and every GET', async () => {
    const { fake, client } = await setUp(
      (request, response) => {
        if (request.method === 'POST') {
          sendSeeOther(response, RESULT_PATH);
          return;
        }
        sendPng(response);
      },
      { proxyAuth: { key: 'wk-test-key', secret: 'ws-test-secret' } },
    );

    await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: soon() });

    expect(fake.requests).toHaveLength(2);
    for (const request of fake.requests) {
      expect(request.headers['modal-key']).toBe('wk-test-key');
      expect(request.headers['modal-secret']).toBe('ws-test-secret');
    }
  });

  it('accepts a Date as deadlineAt', async () => {
    const { client } = await setUp((_request, response) => sendPng(response));

    const result = await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: new Date(soon()) });

    expect(result.status).toBe(200);
  });

  it('emits attempt, accepted, hop and response events', async () => {
    const events: UpstreamEvent[] = [];
    const { client } = await setUp(
      (request, response) => {
        if (request.method === 'POST') {
          sendSeeOther(response, RESULT_PATH);
          return;
        }
        sendPng(response);
      },
      { onEvent: (event) => events.push(event) },
    );

    await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: soon() });

    expect(events.map((event) => event.type)).toEqual(['attempt', 'accepted', 'hop', 'response']);
    expect(events[0]).toMatchObject({ type: 'attempt', app: 'ryla-flux', path: '/flux-dev', attempt: 1, status: 303 });
    expect(events[2]).toMatchObject({ type: 'hop', path: '/flux-dev', hop: 1, status: 200 });
    expect(events[3]).toMatchObject({ type: 'response', status: 200, hops: 1, bytes: PNG_BYTES.length });
  });

  it('ignores exceptions thrown by onEvent', async () => {
    const { client } = await setUp((_request, response) => sendPng(response), {
      onEvent: () => {
        throw new Error('metrics registry is broken');
      },
    });

    const result = await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: soon() });

    expect(result.status).toBe(200);
  });

  it('limits open connections per app to the connections option', async () => {
    const { fake, client } = await setUp(
      async (_request, response) => {
        await delay(80);
        sendPng(response);
      },
      { connections: 2 },
    );

    const calls = Array.from({ length: 5 }, () =>
      client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: soon() }),
    );
    const results = await Promise.all(calls);

    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(fake.requests).toHaveLength(5);
    expect(fake.maxConcurrent()).toBe(2);
  });

  it('rejects an invalid path before sending', async () => {
    const { fake, client } = await setUp((_request, response) => sendPng(response));

    const outcome = client.submit({ app: 'ryla-flux', path: 'flux-dev', body: '{}', deadlineAt: soon() });

    await expect(outcome).rejects.toThrow('Invalid submit path "flux-dev": expected an endpoint path without query, such as "/flux-dev".');
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects a missing deadline before sending', async () => {
    const { client } = await setUp((_request, response) => sendPng(response));

    const outcome = client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: Number.NaN });

    await expect(outcome).rejects.toThrow(/^Invalid submit deadlineAt NaN: expected a valid Date or epoch milliseconds/);
  });
});

describe('resume', () => {
  it('continues on a stored result URL without a POST', async () => {
    let gets = 0;
    const { fake, client } = await setUp((request, response) => {
      if (request.method === 'POST') {
        sendJson(response, 500, { error: 'unexpected POST' });
        return;
      }
      gets += 1;
      if (gets < 3) {
        sendSeeOther(response, RESULT_PATH);
        return;
      }
      sendPng(response, { 'x-cost-usd': '0.5' });
    });

    const result = await client.resume({ app: 'ryla-flux', resultUrl: `${fake.origin}${RESULT_PATH}`, deadlineAt: soon() });

    expect(result.bytes.equals(PNG_BYTES)).toBe(true);
    expect(result.hops).toBe(3);
    expect(result.attempts).toBe(0);
    expect(result.resultUrl).toBe(`${fake.origin}${RESULT_PATH}`);
    expect(result.headers.costUsd).toBe(0.5);
    expect(fake.byMethod('POST')).toHaveLength(0);
    expect(fake.byMethod('GET').map((request) => request.url)).toEqual([RESULT_PATH, RESULT_PATH, RESULT_PATH]);
  });

  it('rejects a stored URL on another origin without a request', async () => {
    const { fake, client } = await setUp((_request, response) => sendPng(response));

    const outcome = client.resume({ app: 'ryla-flux', resultUrl: `http://127.0.0.1:1${RESULT_PATH}`, deadlineAt: soon() });

    await expect(outcome).rejects.toMatchObject({
      code: 'UPSTREAM_BAD_REDIRECT',
      jobMayHaveStarted: true,
      app: 'ryla-flux',
      path: '/flux-dev',
    });
    expect(fake.requests).toHaveLength(0);
  });
});
