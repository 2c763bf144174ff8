import { afterEach, describe, expect, it } from 'vitest';

import {
  computeBackoffMs,
  createModalClient,
  parseRetryAfterMs,
  UpstreamError,
  type ModalClient,
  type ModalClientOptions,
  type UpstreamEvent,
} from '../../src/upstream/index.js';
import { closedPortOrigin, sendJson, sendSeeOther, sendText, startFakeModal, type FakeModal, type Route } from './fake-modal.js';

const RETRY = { attempts: 3, baseDelayMs: 40, maxDelayMs: 200 };

let fake: FakeModal | undefined;
let client: ModalClient | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

function makeClient(origin: string, events: UpstreamEvent[], options: Partial<ModalClientOptions> = {}): ModalClient {
  client = createModalClient({ resolveOrigin: () => origin, retry: RETRY, onEvent: (event) => events.push(event), ...options });
  return client;
}

async function startApp(route: Route): Promise<FakeModal> {
  fake = await startFakeModal(route);
  return fake;
}

function submitTo(target: ModalClient): Promise<unknown> {
  return target.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: Date.now() + 10_000 });
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

function attemptEvents(events: UpstreamEvent[]): Array<Extract<UpstreamEvent, { type: 'attempt' }>> {
  return events.filter((event): event is Extract<UpstreamEvent, { type: 'attempt' }> => event.type === 'attempt');
}

describe('retry', () => {
  it('retries a refused connection with growing backoff, then fails', async () => {
    const events: UpstreamEvent[] = [];
    const origin = await closedPortOrigin();
    const startedAt = performance.now();

    const error = await failureOf(submitTo(makeClient(origin, events)));
    const elapsed = performance.now() - startedAt;

    expect(error.code).toBe('UPSTREAM_CONNECTION_FAILED');
    expect(error.attempts).toBe(3);
    expect(error.jobMayHaveStarted).toBe(false);
    expect(error.message).toContain(`Could not connect to Modal app ryla-flux at ${origin} for POST /flux-dev after 3 attempt(s) (ECONNREFUSED`);
    expect(error.message).toContain('No job was started, so submitting again is safe.');

    const attempts = attemptEvents(events);
    expect(attempts.map((event) => event.attempt)).toEqual([1, 2, 3]);
    expect(attempts.map((event) => event.code)).toEqual(['UPSTREAM_CONNECTION_FAILED', 'UPSTREAM_CONNECTION_FAILED', 'UPSTREAM_CONNECTION_FAILED']);
    const [first, second, third] = attempts.map((event) => event.retryInMs);
    // Equal jitter: retry n waits between half and all of min(200, 40 * 2^(n-1)).
    expect(first).toBeGreaterThanOrEqual(20);
    expect(first).toBeLessThanOrEqual(40);
    expect(second).toBeGreaterThanOrEqual(40);
    expect(second).toBeLessThanOrEqual(80);
    expect(third).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual((first ?? 0) + (second ?? 0) - 2);
  });

  it('succeeds when the app comes up during retries', async () => {
    const events: UpstreamEvent[] = [];
    let posts = 0;
    const app = await startApp((_request, response) => {
      posts += 1;
      if (posts < 3) {
        sendText(response, 503, 'no healthy upstream');
        return;
      }
      sendText(response, 200, 'ok', { 'content-type': 'image/png' });
    });

    const result = (await submitTo(makeClient(app.origin, events))) as { status: number; attempts: number };

    expect(result.status).toBe(200);
    expect(result.attempts).toBe(3);
    expect(app.byMethod('POST')).toHaveLength(3);
    expect(attemptEvents(events).map((event) => event.status)).toEqual([503, 503, 200]);
  });

  it('stops retrying 429 after the configured attempts', async () => {
    const events: UpstreamEvent[] = [];
    const app = await startApp((_request, response) => sendText(response, 429, 'Too Many Requests'));

    const error = await failureOf(submitTo(makeClient(app.origin, events)));

    expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
    expect(error.status).toBe(429);
    expect(error.attempts).toBe(3);
    expect(error.jobMayHaveStarted).toBe(false);
    expect(app.byMethod('POST')).toHaveLength(3);
  });

  it('honours Retry-After up to maxDelayMs', async () => {
    const events: UpstreamEvent[] = [];
    const app = await startApp((_request, response) => sendText(response, 429, 'slow down', { 'retry-after': '5' }));

    await failureOf(submitTo(makeClient(app.origin, events, { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 150 } })));

    expect(attemptEvents(events)[0]?.retryInMs).toBe(150);
    expect(app.byMethod('POST')).toHaveLength(2);
  });

  it('does not retry a 503 in the app error shape', async () => {
    const events: UpstreamEvent[] = [];
    const app = await startApp((_request, response) =>
      sendJson(response, 503, { error: 'ComfyUI is not ready', details: 'trace', type: 'RuntimeError' }),
    );

    const error = await failureOf(submitTo(makeClient(app.origin, events)));

    expect(error.status).toBe(503);
    expect(error.attempts).toBe(1);
    expect(error.upstreamType).toBe('RuntimeError');
    expect(app.byMethod('POST')).toHaveLength(1);
  });

  it('does not retry a 500 app error', async () => {
    const events: UpstreamEvent[] = [];
    const app = await startApp((_request, response) => sendJson(response, 500, { error: 'boom', details: 'trace', type: 'KeyError' }));

    const error = await failureOf(submitTo(makeClient(app.origin, events)));

    expect(error.attempts).toBe(1);
    expect(app.byMethod('POST')).toHaveLength(1);
  });

  it('does not retry after a 303', async () => {
    const events: UpstreamEvent[] = [];
    const app = await startApp((request, response) => {
      if (request.method === 'POST') {
        sendSeeOther(response, '/flux-dev?__modal_function_call_id=fc-7');
        return;
      }
      sendText(response, 503, 'no healthy upstream');
    });

    const error = await failureOf(submitTo(makeClient(app.origin, events)));

    expect(error.status).toBe(503);
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.resultUrl).toBe(`${app.origin}/flux-dev?__modal_function_call_id=fc-7`);
    expect(app.byMethod('POST')).toHaveLength(1);
    expect(app.byMethod('GET')).toHaveLength(1);
  });

  it('does not retry a reset after the request was sent', async () => {
    const events: UpstreamEvent[] = [];
    const app = await startApp((_request, response) => {
      response.socket?.destroy();
    });

    const error = await failureOf(submitTo(makeClient(app.origin, events)));

    expect(error.code).toBe('UPSTREAM_CONNECTION_RESET');
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('The job may have started, so check Modal before submitting again');
    expect(app.byMethod('POST')).toHaveLength(1);
  });

  it('skips a backoff that would pass the deadline', async () => {
    const events: UpstreamEvent[] = [];
    const origin = await closedPortOrigin();
    const target = makeClient(origin, events, { retry: { attempts: 5, baseDelayMs: 400, maxDelayMs: 400 } });

    const error = await failureOf(target.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{}', deadlineAt: Date.now() + 150 }));

    expect(error.code).toBe('UPSTREAM_CONNECTION_FAILED');
    expect(error.attempts).toBe(1);
  });
});

describe('computeBackoffMs', () => {
  it('grows and stays within equal-jitter bounds', () => {
    const options = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };

    expect(computeBackoffMs(1, options, () => 0)).toBe(50);
    expect(computeBackoffMs(1, options, () => 1)).toBe(100);
    expect(computeBackoffMs(3, options, () => 0)).toBe(200);
    expect(computeBackoffMs(3, options, () => 1)).toBe(400);
    expect(computeBackoffMs(6, options, () => 1)).toBe(1000);
    expect(computeBackoffMs(6, options, () => 0)).toBe(500);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');

    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});
