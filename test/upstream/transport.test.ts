import { inspect } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import { createModalClient, UpstreamError, type ModalClient, type ModalClientOptions, type SubmitRequest } from '../../src/upstream/index.js';
import { delay, sendSeeOther, startFakeModal, type FakeModal, type Route } from './fake-modal.js';

const RESULT_PATH = '/wan2.6?__modal_function_call_id=fc-42';

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
  client = createModalClient({ resolveOrigin: () => origin, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 }, ...options });
  return { fake, client };
}

function request(overrides: Partial<SubmitRequest> = {}): SubmitRequest {
  return { app: 'ryla-wan26', path: '/wan2.6', body: '{"prompt":"waves"}', deadlineAt: Date.now() + 10_000, ...overrides };
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Never responds. The fake server destroys the socket when the test ends. */
const stall: Route = () => undefined;

describe('per-request stall limits', () => {
  it('ends stalled headers with UPSTREAM_HEADERS_TIMEOUT', async () => {
    const { fake, client } = await setUp(stall, { headersTimeoutMs: 200 });
    const startedAt = performance.now();

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_HEADERS_TIMEOUT');
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      'Modal app ryla-wan26 sent no response headers for POST /wan2.6 within headersTimeoutMs (200 ms). The job may have started, so check Modal before submitting again, because each POST starts a new paid job.',
    );
    expect(performance.now() - startedAt).toBeLessThan(2000);
    expect(fake.byMethod('POST')).toHaveLength(1);
  });

  it('ends a stalled body with UPSTREAM_BODY_TIMEOUT', async () => {
    const { client } = await setUp(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/webp', 'content-length': 1000 });
        response.write(Buffer.alloc(100, 7));
      },
      { bodyTimeoutMs: 200 },
    );
    const startedAt = performance.now();

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_BODY_TIMEOUT');
    expect(error.status).toBe(200);
    expect(error.jobMayHaveStarted).toBe(true);
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it('applies the stall limit to each GET on the result URL', async () => {
    const { client } = await setUp(
      (incoming, response) => {
        if (incoming.method === 'POST') {
          sendSeeOther(response, RESULT_PATH);
        }
      },
      { headersTimeoutMs: 200 },
    );

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_HEADERS_TIMEOUT');
    expect(error.hops).toBe(1);
    expect(error.resultUrl).toBe(`${fake?.origin}${RESULT_PATH}`);
    expect(error.message).toContain('for GET /wan2.6 within headersTimeoutMs (200 ms). The job may still be running, so resume from the stored result URL.');
  });
});

describe('overall deadline', () => {
  it('ends a stalled POST with UPSTREAM_TIMEOUT', async () => {
    const { client } = await setUp(stall);
    const startedAt = performance.now();

    const error = await failureOf(client.submit(request({ deadlineAt: Date.now() + 250 })));
    const elapsed = performance.now() - startedAt;

    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.message).toMatch(/^Modal app ryla-wan26 did not finish \/wan2\.6 before the deadline \(\d+ ms after the call started, 0 result-URL requests\)\./);
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(1500);
  });

  it('spans all hops of the 303 loop', async () => {
    const { fake, client } = await setUp(async (_incoming, response) => {
      await delay(60);
      sendSeeOther(response, RESULT_PATH);
    });

    const error = await failureOf(client.submit(request({ deadlineAt: Date.now() + 400 })));

    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.hops).toBeGreaterThanOrEqual(2);
    expect(error.resultUrl).toBe(`${fake.origin}${RESULT_PATH}`);
    expect(error.jobMayHaveStarted).toBe(true);
    expect(fake.byMethod('POST')).toHaveLength(1);
  });

  it('sends nothing when the deadline has already passed', async () => {
    const { fake, client } = await setUp(stall);

    const error = await failureOf(client.submit(request({ deadlineAt: Date.now() - 1 })));

    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.jobMayHaveStarted).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('broken responses', () => {
  it('maps a body shorter than Content-Length to UPSTREAM_TRUNCATED', async () => {
    const { client } = await setUp((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 1000 });
      response.write(Buffer.alloc(300, 1), () => response.socket?.destroy());
    });

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_TRUNCATED');
    expect(error.status).toBe(200);
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.message).toContain('received 300 of 1000 bytes declared by Content-Length');
  });

  it('detects truncation on a connection-close response', async () => {
    const { client } = await setUp((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 64, connection: 'close' });
      response.write(Buffer.alloc(10, 1), () => response.socket?.end());
    });

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_TRUNCATED');
    expect(error.message).toContain('received 10 of 64 bytes');
  });

  it('reports a reset after the request was sent', async () => {
    const { fake, client } = await setUp((_request, response) => {
      response.socket?.destroy();
    });

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_CONNECTION_RESET');
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^The connection to Modal app ryla-wan26 closed during POST \/wan2\.6 \(UND_ERR_SOCKET: /);
    expect(fake.byMethod('POST')).toHaveLength(1);
    expect(fake.byMethod('POST')[0]?.body.toString()).toBe('{"prompt":"waves"}');
  });

  it('rejects a declared body over maxResponseBytes', async () => {
    const { client } = await setUp(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 5000 });
        response.end(Buffer.alloc(5000));
      },
      { maxResponseBytes: 1000 },
    );

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_BODY_TOO_LARGE');
    expect(error.message).toContain('exceeds maxResponseBytes 1000 (Content-Length 5000)');
  });

  it('rejects a chunked body that grows over maxResponseBytes', async () => {
    const { client } = await setUp(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'video/mp4' });
        response.write(Buffer.alloc(800));
        response.end(Buffer.alloc(800));
      },
      { maxResponseBytes: 1000 },
    );

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_BODY_TOO_LARGE');
    expect(error.message).toContain('exceeds maxResponseBytes 1000 (more than 1000 bytes received)');
  });
});

describe('cancel', () => {
  it('ends an in-flight call with UPSTREAM_CANCELED', async () => {
    const { client } = await setUp(stall);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const error = await failureOf(client.submit(request({ signal: controller.signal })));

    expect(error.code).toBe('UPSTREAM_CANCELED');
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.message).toMatch(/^The caller canceled \/wan2\.6 on Modal app ryla-wan26 after \d+ ms\./);
  });

  it('sends nothing for an already aborted signal', async () => {
    const { fake, client } = await setUp(stall);

    const error = await failureOf(client.submit(request({ signal: AbortSignal.abort() })));

    expect(error.code).toBe('UPSTREAM_CANCELED');
    expect(error.jobMayHaveStarted).toBe(false);
    expect(error.message).toContain('No job was started, so submitting again is safe.');
    expect(fake.requests).toHaveLength(0);
  });

  it('stops a backoff wait when canceled', async () => {
    let posts = 0;
    const { client } = await setUp(
      (_request, response) => {
        posts += 1;
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('no healthy upstream');
      },
      { retry: { attempts: 3, baseDelayMs: 5000, maxDelayMs: 5000 } },
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const startedAt = performance.now();

    const error = await failureOf(client.submit(request({ signal: controller.signal })));

    expect(error.code).toBe('UPSTREAM_CANCELED');
    expect(error.jobMayHaveStarted).toBe(false);
    expect(posts).toBe(1);
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('fails in-flight calls with UPSTREAM_CANCELED on destroy', async () => {
    const { client } = await setUp(stall);
    const pending = failureOf(client.submit(request()));
    await delay(50);

    await client.destroy();
    const error = await pending;

    expect(error.code).toBe('UPSTREAM_CANCELED');
    expect(error.jobMayHaveStarted).toBe(true);
  });

  it('rejects calls after close without sending', async () => {
    const { fake, client } = await setUp(stall);
    await client.close();

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_CANCELED');
    expect(error.jobMayHaveStarted).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('303 handling', () => {
  it('rejects a Location on another origin without following it', async () => {
    const { fake, client } = await setUp((_request, response) => sendSeeOther(response, 'http://127.0.0.1:1/wan2.6?__modal_function_call_id=fc-1'));

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_BAD_REDIRECT');
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.message).toBe(
      `Rejected the Modal result URL "http://127.0.0.1:1/wan2.6?__modal_function_call_id=fc-1" because its origin http://127.0.0.1:1 differs from the app origin ${fake.origin}. The job may still be running, so check the app's logs in Modal.`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a 303 without Location', async () => {
    const { fake, client } = await setUp((_request, response) => sendSeeOther(response, undefined));

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_BAD_REDIRECT');
    expect(error.message).toContain('responded with 303 without a Location header for /wan2.6');
    expect(error.resultUrl).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
  });

  it('stops after maxHops GETs', async () => {
    const { fake, client } = await setUp((_request, response) => sendSeeOther(response, RESULT_PATH), { maxHops: 3 });

    const error = await failureOf(client.submit(request()));

    expect(error.code).toBe('UPSTREAM_BAD_REDIRECT');
    expect(error.hops).toBe(3);
    expect(error.message).toContain('still responded with 303 for /wan2.6 after 3 result-URL requests (maxHops 3)');
    expect(fake.byMethod('POST')).toHaveLength(1);
    expect(fake.byMethod('GET')).toHaveLength(3);
  });

  it('keeps proxy credentials out of transport errors', async () => {
    const { client } = await setUp(
      (_request, response) => {
        response.socket?.destroy();
      },
      {
        proxyAuth: { key: 'wk-private-key', secret: 'ws-private-secret' },
      },
    );

    const error = await failureOf(client.submit(request()));
    const rendered = `${error.message}\n${inspect(error, { depth: 6 })}`;

    expect(error.code).toBe('UPSTREAM_CONNECTION_RESET');
    expect(rendered).not.toContain('wk-private-key');
    expect(rendered).not.toContain('ws-private-secret');
  });
});
