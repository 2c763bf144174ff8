import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GenerationStore } from '../../src/store/index.js';
import { countStoredGenerations, CREATE, fluxPulidInputs, startCapturedGateway, type CapturedGateway } from './helpers.js';

const INTERNAL_DETAIL = 'SQLITE_IOERR: disk I/O error in /var/lib/gateway-internal/gateway.sqlite';

let gateway: CapturedGateway;

beforeAll(async () => {
  gateway = await startCapturedGateway({ env: { GENERATIONS_PER_MINUTE: '1', MAX_IN_FLIGHT_PER_KEY: '1' } });
});

afterAll(async () => {
  await gateway.close();
});

/** Makes one store method throw an error full of internal detail until the returned function runs. */
function breakStore(method: keyof GenerationStore): () => void {
  const store = gateway.gateway.services.store as unknown as Record<string, unknown>;
  const original = store[method];
  store[method] = async () => {
    throw new Error(INTERNAL_DETAIL);
  };
  return () => {
    store[method] = original;
  };
}

function expectNoInternals(text: string): void {
  expect(text).not.toContain('SQLITE');
  expect(text).not.toContain('/var/lib');
  expect(text).not.toContain('sqlite-store');
  expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  expect(text).not.toContain('stacktrace');
  expect(text).not.toContain(gateway.emulator.url);
}

describe('unexpected errors', () => {
  it('reach the client masked with the request id', async () => {
    const restore = breakStore('getGenerations');
    const response = await gateway.gql('client', '{ generation(id: "gen_00000000000000000000000000") { id status } }');
    restore();

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ generation: null });
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.errors).toEqual([
      {
        message: 'Internal server error. Quote the x-request-id response header when reporting it.',
        path: ['generation'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      },
    ]);
    expectNoInternals(response.text);

    const logged = gateway.logLines().filter((line) => line.requestId === requestId && line.level === 50);
    expect(logged).toHaveLength(1);
    const err = logged[0]!.err as { message: string; stack: string };
    expect(err.message).toBe(INTERNAL_DETAIL);
    expect(err.stack).toContain('errors.test.ts');
    expect(logged[0]!.path).toEqual(['generation']);

    const healthy = await gateway.gql('client', '{ generations(first: 1) { nodes { id } } }');
    expect(healthy.status).toBe(200);
    expect(healthy.body.errors).toBeUndefined();
  });

  it('during createGeneration store nothing and free the slot', async () => {
    const restore = breakStore('insertGeneration');
    const failed = await gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs: fluxPulidInputs() } });
    restore();

    expect(failed.body.data).toBeNull();
    expect(failed.body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: failed.headers['x-request-id'] });
    expectNoInternals(failed.text);
    expect(await countStoredGenerations(gateway)).toBe(0);
    expect(gateway.emulator.countPosts()).toBe(0);

    // The limits are one per minute and one in flight, so this passes only if the slot was freed.
    const retried = await gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs: fluxPulidInputs() } });
    expect(retried.body.errors).toBeUndefined();
    const id = retried.body.data.createGeneration.generation.id as string;
    expect((await gateway.waitForGeneration(id)).status).toBe('SUCCEEDED');
  });

  it('from the upstream keep URLs and tracebacks from clients', async () => {
    gateway.emulator.setFault('/seedvr2', {
      errorStatus: 500,
      errorShape: 'error_details_type',
      errorMessage: 'Traceback (most recent call last): File "/root/comfy/main.py", line 12',
    });
    const { samplePng } = await import('../../src/emulator/samples/index.js');
    const created = await gateway.gql('other', CREATE, {
      input: { endpoint: '/seedvr2', inputs: { image: samplePng(64, 64).toString('base64') } },
    });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createGeneration.generation.id as string;
    await gateway.waitForGeneration(id);
    gateway.emulator.clearFaults();

    const seen = await gateway.gql('other', `{ generation(id: "${id}") { id status statusReason error { code message } } }`);

    expect(seen.body.data.generation.status).toBe('FAILED');
    expect(seen.body.data.generation.error.code).toBe('UPSTREAM_ERROR');
    expectNoInternals(seen.text);
    expect(seen.text).not.toContain('Traceback');
    expect(seen.text).not.toContain('/root/comfy');
    expect(seen.text).not.toContain('127.0.0.1');
  });
});
