import { inspect } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import { createModalClient, MAX_DETAIL_CHARS, UpstreamError, type ModalClient } from '../../src/upstream/index.js';
import { sendJson, sendSeeOther, sendText, startFakeModal, type FakeModal, type Route } from './fake-modal.js';

let fake: FakeModal | undefined;
let client: ModalClient | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function failureOf(route: Route): Promise<UpstreamError> {
  fake = await startFakeModal(route);
  const origin = fake.origin;
  client = createModalClient({
    resolveOrigin: () => origin,
    retry: { attempts: 1 },
    proxyAuth: { key: 'wk-private-key', secret: 'ws-private-secret' },
  });
  try {
    await client.submit({ app: 'ryla-flux', path: '/flux-dev', body: '{"seed":1}', deadlineAt: Date.now() + 10_000 });
  } catch (error) {
    if (error instanceof UpstreamError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected submit to fail');
}

describe('HTTP error normalisation', () => {
  it('reads the FastAPI detail string shape', async () => {
    const error = await failureOf((_request, response) => sendJson(response, 400, { detail: 'Missing required input: prompt' }));

    expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
    expect(error.status).toBe(400);
    expect(error.message).toBe('Modal app ryla-flux returned HTTP 400 for /flux-dev: Missing required input: prompt');
    expect(error.detail).toBe('Missing required input: prompt');
    expect(error.upstreamType).toBeUndefined();
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.attempts).toBe(1);
  });

  it('reads the FastAPI validation list shape', async () => {
    const items = [
      { loc: ['body', 'seed'], msg: 'value is not a valid integer', type: 'type_error.integer' },
      { loc: ['body', 'images', 0], msg: 'field required', type: 'value_error.missing' },
    ];
    const error = await failureOf((_request, response) => sendJson(response, 422, { detail: items }));

    expect(error.status).toBe(422);
    expect(error.message).toBe(
      'Modal app ryla-flux returned HTTP 422 for /flux-dev: body.seed: value is not a valid integer; body.images[0]: field required',
    );
    expect(error.detail).toBe(JSON.stringify(items));
    expect(error.jobMayHaveStarted).toBe(false);
  });

  it('reads the app exception shape with its type', async () => {
    const traceback = 'Traceback (most recent call last):\n  File "app.py", line 12\nRuntimeError: CUDA out of memory';
    const error = await failureOf((_request, response) =>
      sendJson(response, 500, { error: 'CUDA out of memory', details: traceback, type: 'RuntimeError' }),
    );

    expect(error.status).toBe(500);
    expect(error.message).toBe('Modal app ryla-flux returned HTTP 500 for /flux-dev: CUDA out of memory (RuntimeError)');
    expect(error.detail).toBe(traceback);
    expect(error.upstreamType).toBe('RuntimeError');
    expect(error.jobMayHaveStarted).toBe(true);
  });

  it('reads a text body from the platform', async () => {
    const error = await failureOf((_request, response) => sendText(response, 504, 'Gateway Timeout\nupstream took too long\n'));

    expect(error.status).toBe(504);
    expect(error.message).toBe('Modal app ryla-flux returned HTTP 504 for /flux-dev: Gateway Timeout');
    expect(error.detail).toBe('Gateway Timeout\nupstream took too long\n');
  });

  it('caps a long text body at 4 KB of detail', async () => {
    const error = await failureOf((_request, response) => sendText(response, 500, 'x'.repeat(20_000)));

    expect(error.detail?.startsWith('x'.repeat(MAX_DETAIL_CHARS))).toBe(true);
    expect(error.detail).toBe(`${'x'.repeat(MAX_DETAIL_CHARS)} [${20_000 - MAX_DETAIL_CHARS} more characters cut]`);
    expect(error.message.length).toBeLessThan(700);
  });

  it('reports an error after hops with the result URL', async () => {
    const error = await failureOf((request, response) => {
      if (request.method === 'POST') {
        sendSeeOther(response, '/flux-dev?__modal_function_call_id=fc-9');
        return;
      }
      sendJson(response, 500, { error: 'ComfyUI crashed', details: 'trace', type: 'ValueError' });
    });

    expect(error.message).toBe(
      'Modal app ryla-flux returned HTTP 500 for /flux-dev while waiting on the result URL: ComfyUI crashed (ValueError)',
    );
    expect(error.hops).toBe(1);
    expect(error.resultUrl).toBe(`${fake?.origin}/flux-dev?__modal_function_call_id=fc-9`);
    expect(error.jobMayHaveStarted).toBe(true);
  });

  it('keeps proxy credentials out of the error', async () => {
    const error = await failureOf((_request, response) => sendText(response, 401, 'missing or invalid Modal-Key'));
    const rendered = `${error.message}\n${error.detail ?? ''}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(error)}`;

    expect(error.status).toBe(401);
    expect(rendered).not.toContain('wk-private-key');
    expect(rendered).not.toContain('ws-private-secret');
  });
});
