import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Emulator } from '../../src/emulator/index.js';
import { postJson, startTestEmulator } from './harness.js';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(async () => {
  await emulator.close();
});

const fluxBody = { prompt: 'a lighthouse', width: 64, height: 64 };

/** Resolves to the error a promise rejects with, or fails the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe('emulator faults', () => {
  it('delays the whole request by latencyMs before the job starts', async () => {
    emulator.setFault('/flux-dev', { latencyMs: 200 });

    const response = await postJson(emulator, '/flux-dev', fluxBody);
    await response.body.dump();

    const received = emulator.requests[0]?.receivedAt.getTime() ?? 0;
    const started = emulator.jobs[0]?.startedAt.getTime() ?? 0;
    expect(response.statusCode).toBe(200);
    expect(started - received).toBeGreaterThanOrEqual(190);
  });

  it('sends no headers during stallHeadersMs, tripping the client headers timeout', async () => {
    emulator.setFault('/flux-dev', { stallHeadersMs: 5000 });

    const error = await rejectionOf(postJson(emulator, '/flux-dev', fluxBody, { headersTimeout: 200 }));

    expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(emulator.jobs).toHaveLength(1);
  });

  it('answers normally once stallHeadersMs has passed', async () => {
    emulator.setFault('/flux-dev', { stallHeadersMs: 150 });
    const started = Date.now();

    const response = await postJson(emulator, '/flux-dev', fluxBody);
    await response.body.dump();

    expect(response.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('sends half the body then stalls, tripping the client body timeout', async () => {
    emulator.setFault('/flux-dev', { stallBodyMs: 5000 });

    const response = await postJson(emulator, '/flux-dev', fluxBody, { bodyTimeout: 200 });
    const error = await rejectionOf(response.body.arrayBuffer());

    expect(response.statusCode).toBe(200);
    expect(error.code).toBe('UND_ERR_BODY_TIMEOUT');
  });

  it('completes a stalled body after stallBodyMs', async () => {
    emulator.setFault('/flux-dev', { stallBodyMs: 150 });

    const response = await postJson(emulator, '/flux-dev', fluxBody);
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(bytes.length).toBe(Number(response.headers['content-length']));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('truncates the body below its declared Content-Length, then closes', async () => {
    emulator.setFault('/flux-dev', { truncateBody: true });

    const response = await postJson(emulator, '/flux-dev', fluxBody);
    const error = await rejectionOf(response.body.arrayBuffer());

    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
    expect(error.code).toBe('UND_ERR_SOCKET');
  });

  it('resets the connection without any response', async () => {
    emulator.setFault('/flux-dev', { resetConnection: true });

    const error = await rejectionOf(postJson(emulator, '/flux-dev', fluxBody));

    expect(error.code).toBe('UND_ERR_SOCKET');
    expect(emulator.countPosts('/flux-dev')).toBe(1);
    expect(emulator.jobs).toHaveLength(0);
  });

  const shapes = [
    { shape: 'detail', status: 400, contentType: 'application/json', body: { detail: 'broken' } },
    {
      shape: 'detail_list',
      status: 422,
      contentType: 'application/json',
      body: { detail: [{ loc: ['body'], msg: 'broken', type: 'value_error' }] },
    },
    { shape: 'text', status: 502, contentType: 'text/plain; charset=utf-8', body: 'broken' },
  ] as const;

  for (const { shape, status, contentType, body } of shapes) {
    it(`answers errorStatus ${status} in the ${shape} shape without starting a job`, async () => {
      emulator.setFault('/flux-dev', { errorStatus: status, errorShape: shape, errorMessage: 'broken' });

      const response = await postJson(emulator, '/flux-dev', fluxBody);
      const received = shape === 'text' ? await response.body.text() : await response.body.json();

      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toBe(contentType);
      expect(received).toEqual(body);
      expect(emulator.jobs).toHaveLength(0);
    });
  }

  it('answers errorStatus in the error_details_type shape', async () => {
    emulator.setFault('/flux-dev', { errorStatus: 503, errorShape: 'error_details_type', errorMessage: 'nodes missing' });

    const response = await postJson(emulator, '/flux-dev', fluxBody);
    const body = (await response.body.json()) as Record<string, string>;

    expect(response.statusCode).toBe(503);
    expect(body).toEqual({
      error: 'nodes missing',
      details: 'Traceback (most recent call last):\n  File "/root/emulator/handler.py", line 1, in handle\nRuntimeError: nodes missing\n',
      type: 'RuntimeError',
    });
  });

  it('rejects the first count POSTs with a platform text body, then accepts', async () => {
    emulator.setFault('/flux-dev', { rejectBeforeAccept: { status: 429, count: 2 } });

    const statuses: number[] = [];
    const bodies: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await postJson(emulator, '/flux-dev', fluxBody);
      statuses.push(response.statusCode);
      bodies.push(response.statusCode === 200 ? 'media' : await response.body.text());
    }

    expect(statuses).toEqual([429, 429, 200]);
    expect(bodies).toEqual(['429 Too Many Requests', '429 Too Many Requests', 'media']);
    expect(emulator.countPosts('/flux-dev')).toBe(3);
    expect(emulator.jobs).toHaveLength(1);
  });

  it('uses a custom body for rejectBeforeAccept', async () => {
    emulator.setFault('/flux', { rejectBeforeAccept: { status: 503, count: 1, body: 'no capacity' } });

    const response = await postJson(emulator, '/flux', { prompt: 'a' });

    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await response.body.text()).toBe('no capacity');
  });

  it('applies a "*" fault to every path, with path settings winning', async () => {
    emulator.setFault('*', { errorStatus: 502, errorShape: 'text', errorMessage: 'all down' });
    emulator.setFault('/flux', { errorStatus: 504 });

    const other = await postJson(emulator, '/z-image-simple', { prompt: 'a' });
    const flux = await postJson(emulator, '/flux', { prompt: 'a' });

    expect(other.statusCode).toBe(502);
    expect(await other.body.text()).toBe('all down');
    expect(flux.statusCode).toBe(504);
    expect(await flux.body.text()).toBe('all down');
  });

  it('stops faulting after clearFaults', async () => {
    emulator.setFault('*', { errorStatus: 500 });
    emulator.clearFaults();

    const response = await postJson(emulator, '/flux', { prompt: 'a' });
    await response.body.dump();

    expect(response.statusCode).toBe(200);
  });

  it('uses the per-path jobMs for the job duration', async () => {
    emulator.setFault('/flux', { jobMs: 30 });

    const response = await postJson(emulator, '/flux', { prompt: 'a' });
    await response.body.dump();

    expect(emulator.jobs[0]?.durationMs).toBe(30);
    expect(response.headers['x-execution-time-sec']).toBe('0.03');
  });

  it('rejects a fault for an unknown path', () => {
    expect(() => emulator.setFault('/nope', { latencyMs: 1 })).toThrow(
      'setFault: unknown path "/nope"; expected "*" or a catalog path such as "/sdxl-instantid"',
    );
  });

  it('rejects an invalid fault setting', () => {
    expect(() => emulator.setFault('/flux', { latencyMs: -1 })).toThrow(/setFault: invalid fault for "\/flux":[\s\S]*latencyMs/);
  });
});
