import { afterEach, describe, expect, it } from 'vitest';

import { CALL_ID_PARAMETER, type Emulator } from '../../src/emulator/index.js';
import { inspectMedia } from '../../src/media/index.js';
import { get, postJson, startTestEmulator } from './harness.js';

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const fluxBody = { prompt: 'a lighthouse', width: 64, height: 64 };

describe('emulator 303 result flow', () => {
  it('redirects a job longer than requestCapMs and serves it from the result URL', async () => {
    emulator = await startTestEmulator({ requestCapMs: 100, jobMs: 250 });

    const first = await postJson(emulator, '/flux-dev', fluxBody);
    await first.body.dump();
    const location = String(first.headers['location']);

    expect(first.statusCode).toBe(303);
    expect(location).toMatch(new RegExp(`^${emulator.url}/flux-dev\\?${CALL_ID_PARAMETER}=fc-[0-9A-Z]{26}$`));

    let response = await get(location);
    let hops = 1;
    while (response.statusCode === 303 && hops < 20) {
      expect(response.headers['location']).toBe(location);
      await response.body.dump();
      response = await get(location);
      hops += 1;
    }
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect((await inspectMedia(bytes)).mediaType).toBe('image/png');
    expect(emulator.countPosts()).toBe(1);
    expect(emulator.jobs).toHaveLength(1);
    expect(emulator.jobs[0]?.redirects).toBe(hops);
    expect(emulator.jobs[0]?.state).toBe('succeeded');
  });

  it('answers exactly N forced hops, then the result, for one POST', async () => {
    emulator = await startTestEmulator({ requestCapMs: 60_000, jobMs: 10 });
    emulator.setFault('/flux-dev', { redirectHops: 3 });

    const statuses: number[] = [];
    let response = await postJson(emulator, '/flux-dev', fluxBody);
    while (response.statusCode === 303) {
      statuses.push(303);
      await response.body.dump();
      response = await get(String(response.headers['location']));
    }
    await response.body.dump();
    statuses.push(response.statusCode);

    expect(statuses).toEqual([303, 303, 303, 200]);
    expect(emulator.countPosts('/flux-dev')).toBe(1);
    expect(emulator.jobs[0]).toMatchObject({ redirects: 3, polls: 3, state: 'succeeded' });
    expect(emulator.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
    expect(emulator.requests[1]?.query).toEqual({ [CALL_ID_PARAMETER]: emulator.jobs[0]?.callId });
  });

  it('serves the result again on a repeated GET', async () => {
    emulator = await startTestEmulator();
    emulator.setFault('/flux', { redirectHops: 1 });
    const posted = await postJson(emulator, '/flux', { prompt: 'a' });
    await posted.body.dump();
    const location = String(posted.headers['location']);

    const first = await get(location);
    const second = await get(location);

    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(Buffer.from(await second.body.arrayBuffer()).equals(Buffer.from(await first.body.arrayBuffer()))).toBe(true);
  });

  it('answers 404 for an unknown call id', async () => {
    emulator = await startTestEmulator();

    const response = await get(`${emulator.url}/flux-dev?${CALL_ID_PARAMETER}=fc-UNKNOWN`);

    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toEqual({ detail: 'Function call not found: fc-UNKNOWN' });
  });

  it('answers 404 for a call id of another path', async () => {
    emulator = await startTestEmulator();
    emulator.setFault('/flux', { redirectHops: 1 });
    const posted = await postJson(emulator, '/flux', { prompt: 'a' });
    await posted.body.dump();
    const callId = emulator.jobs[0]?.callId ?? '';

    const response = await get(`${emulator.url}/flux-dev?${CALL_ID_PARAMETER}=${callId}`);

    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toEqual({ detail: `Function call not found: ${callId}` });
  });

  it('ends a job accepted after hops with its failure shape', async () => {
    emulator = await startTestEmulator();
    emulator.setFault('/z-image-simple', {
      redirectHops: 1,
      failAfterAccept: { status: 500, shape: 'error_details_type', message: 'CUDA out of memory' },
    });

    const posted = await postJson(emulator, '/z-image-simple', { prompt: 'a' });
    await posted.body.dump();
    const result = await get(String(posted.headers['location']));
    const body = (await result.body.json()) as Record<string, string>;

    expect(posted.statusCode).toBe(303);
    expect(result.statusCode).toBe(500);
    expect(body['error']).toBe('CUDA out of memory');
    expect(body['type']).toBe('RuntimeError');
    expect(body['details']).toContain('RuntimeError: CUDA out of memory');
    expect(emulator.jobs[0]?.state).toBe('failed');
  });

  it('answers a result GET with the error fault, then the result once cleared', async () => {
    emulator = await startTestEmulator();
    emulator.setFault('/flux', { redirectHops: 1 });
    const posted = await postJson(emulator, '/flux', { prompt: 'a' });
    await posted.body.dump();
    const location = String(posted.headers['location']);

    emulator.setFault('/flux', { errorStatus: 503, errorShape: 'text', errorMessage: 'upstream unavailable' });
    const failed = await get(location);
    emulator.clearFaults('/flux');
    const succeeded = await get(location);
    await succeeded.body.dump();

    expect(failed.statusCode).toBe(503);
    expect(await failed.body.text()).toBe('upstream unavailable');
    expect(succeeded.statusCode).toBe(200);
    expect(emulator.countPosts()).toBe(1);
  });
});
