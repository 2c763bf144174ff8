/**
 * Runs the client against the project's Modal emulator, as a second check of the contract that
 * the scripted servers in the other test files reproduce.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { catalogFileSchema } from '../../src/catalog/schema.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createModalClient, UpstreamError, type ModalClient } from '../../src/upstream/index.js';

const catalogPath = fileURLToPath(new URL('../../catalog/catalog.json', import.meta.url));
const catalog = catalogFileSchema.parse(JSON.parse(readFileSync(catalogPath, 'utf8')));
const FLUX_BODY = '{"prompt":"a lighthouse at dusk","width":96,"height":64,"seed":18446744073709551615}';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let emulator: Emulator | undefined;
let client: ModalClient | undefined;

afterEach(async () => {
  await client?.destroy();
  await emulator?.close();
  client = undefined;
  emulator = undefined;
});

async function setUp(): Promise<{ emulator: Emulator; client: ModalClient }> {
  emulator = await startEmulator({ catalog, requestCapMs: 100, jobMs: 10 });
  const origin = emulator.url;
  client = createModalClient({ resolveOrigin: () => origin, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 } });
  return { emulator, client };
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

const submitFlux = (target: ModalClient): ReturnType<ModalClient['submit']> =>
  target.submit({ app: 'ryla-flux', path: '/flux-dev', body: FLUX_BODY, deadlineAt: Date.now() + 10_000 });

describe('client against the emulator', () => {
  it('follows redirect hops with one POST', async () => {
    const { emulator, client } = await setUp();
    emulator.setFault('/flux-dev', { redirectHops: 3 });
    const accepted: string[] = [];

    const result = await client.submit({
      app: 'ryla-flux',
      path: '/flux-dev',
      body: FLUX_BODY,
      deadlineAt: Date.now() + 10_000,
      onAccepted: (url) => {
        accepted.push(url);
      },
    });

    expect(result.status).toBe(200);
    expect(result.hops).toBe(3);
    expect(result.bytes.subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
    expect(result.contentType).toBe('image/jpeg');
    expect(result.headers.costUsd).toBeGreaterThanOrEqual(0);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatch(new RegExp(`^${emulator.url}/flux-dev\\?__modal_function_call_id=`));
    expect(emulator.countPosts('/flux-dev')).toBe(1);
    expect(emulator.requests.find((request) => request.method === 'POST')?.rawBody).toBe(FLUX_BODY);
  });

  it('retries platform rejections before acceptance', async () => {
    const { emulator, client } = await setUp();
    emulator.setFault('/flux-dev', { rejectBeforeAccept: { status: 503, count: 2 } });

    const result = await submitFlux(client);

    expect(result.status).toBe(200);
    expect(result.attempts).toBe(3);
    expect(emulator.countPosts('/flux-dev')).toBe(3);
    expect(emulator.jobs).toHaveLength(1);
  });

  it('reports a job failure after acceptance', async () => {
    const { emulator, client } = await setUp();
    emulator.setFault('/flux-dev', {
      redirectHops: 1,
      failAfterAccept: { status: 500, shape: 'error_details_type', message: 'CUDA out of memory' },
    });

    const error = await failureOf(submitFlux(client));

    expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
    expect(error.status).toBe(500);
    expect(error.message).toContain('CUDA out of memory');
    expect(error.upstreamType).toBeDefined();
    expect(error.jobMayHaveStarted).toBe(true);
    expect(error.resultUrl).toBeDefined();
    expect(emulator.countPosts('/flux-dev')).toBe(1);
  });

  it('maps a truncated body', async () => {
    const { emulator, client } = await setUp();
    emulator.setFault('/flux-dev', { truncateBody: true });

    const error = await failureOf(submitFlux(client));

    expect(error.code).toBe('UPSTREAM_TRUNCATED');
    expect(error.jobMayHaveStarted).toBe(true);
  });

  it('resumes a job from its result URL', async () => {
    const { emulator, client } = await setUp();
    emulator.setFault('/flux-dev', { redirectHops: 2 });
    let stored: string | undefined;
    const firstRun = new AbortController();

    const first = await failureOf(
      client.submit({
        app: 'ryla-flux',
        path: '/flux-dev',
        body: FLUX_BODY,
        deadlineAt: Date.now() + 10_000,
        signal: firstRun.signal,
        onAccepted: (url) => {
          stored = url;
          firstRun.abort();
        },
      }),
    );
    expect(first.code).toBe('UPSTREAM_CANCELED');
    expect(stored).toBeDefined();

    const result = await client.resume({ app: 'ryla-flux', resultUrl: stored ?? '', deadlineAt: Date.now() + 10_000 });

    expect(result.status).toBe(200);
    expect(result.bytes.subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
    expect(emulator.countPosts('/flux-dev')).toBe(1);
  });
});
