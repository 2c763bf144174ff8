/**
 * Every generation state reached over HTTP: QUEUED behind a busy app in FIFO order, RUNNING,
 * SUCCEEDED, FAILED, CANCELED and TIMED_OUT, each terminal state with finishedAt and a reason,
 * and cancellation from each state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestGateway, type TestGateway } from '../support/gateway-harness.js';
import { CANCEL_MUTATION, createAccepted, waitUntil } from './helpers.js';

const GENEROUS_LIMITS = { GENERATIONS_PER_MINUTE: '1000', MAX_IN_FLIGHT_PER_KEY: '100' };

let t: TestGateway;
let deadlines: TestGateway;

beforeAll(async () => {
  [t, deadlines] = await Promise.all([
    startTestGateway({ env: { ...GENEROUS_LIMITS, APP_CONCURRENCY: 'ryla-flux=1' }, emulator: { jobMs: 20, requestCapMs: 150 } }),
    startTestGateway({
      env: { ...GENEROUS_LIMITS, APP_CONCURRENCY: 'ryla-flux=1', ENDPOINT_DEADLINE_SECONDS: '/flux-dev=1' },
      emulator: { jobMs: 20, requestCapMs: 150 },
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([t.close(), deadlines.close()]);
});

function promptsPostedTo(gateway: TestGateway, path: string): string[] {
  return gateway.emulator.requests
    .filter((request) => request.method === 'POST' && request.path === path)
    .map((request) => (JSON.parse(request.rawBody) as { prompt: string }).prompt);
}

function expectTerminal(generation: { status: string; finishedAt: string | null; statusReason: string | null }, status: string): void {
  expect(generation.status).toBe(status);
  expect(generation.finishedAt).toEqual(expect.any(String));
  expect(generation.statusReason).toEqual(expect.any(String));
}

async function cancel(gateway: TestGateway, id: string): Promise<any> {
  const response = await gateway.gql('client', CANCEL_MUTATION, { id });
  expect(response.body.errors, response.text).toBeUndefined();
  return response.body.data.cancelGeneration;
}

const LORA = { lora_name: 'character-1' };

describe('QUEUED and RUNNING', () => {
  it('queues behind a busy app in FIFO order', async () => {
    t.emulator.setFault('/flux-dev-lora', { jobMs: 300 });
    const first = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'first' });
    const running = await t.waitForGeneration(first, (generation) => generation.status === 'RUNNING');
    expect(running.startedAt).toEqual(expect.any(String));
    expect(running.finishedAt).toBeNull();
    expect(running.upstreamPosts).toBe(1);

    const second = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'second' });
    const third = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'third' });
    for (const id of [second, third]) {
      const queued = (await t.gql('internal', 'query($id: ID!) { generation(id: $id) { status startedAt finishedAt statusReason upstreamPosts } }', { id }))
        .body.data.generation;
      expect(queued).toEqual({ status: 'QUEUED', startedAt: null, finishedAt: null, statusReason: 'Waiting for a free slot on the Modal app.', upstreamPosts: 0 });
    }
    expect(t.emulator.countPosts('/flux-dev-lora')).toBe(1);

    const [a, b, c] = await Promise.all([first, second, third].map((id) => t.waitForGeneration(id)));
    t.emulator.clearFaults('/flux-dev-lora');
    for (const generation of [a, b, c]) {
      expectTerminal(generation, 'SUCCEEDED');
    }
    expect(promptsPostedTo(t, '/flux-dev-lora').slice(-3)).toEqual(['first', 'second', 'third']);
    expect(Date.parse(b.startedAt)).toBeGreaterThanOrEqual(Date.parse(a.finishedAt));
    expect(Date.parse(c.startedAt)).toBeGreaterThanOrEqual(Date.parse(b.finishedAt));
    expect(b.queueMs).toBeGreaterThan(0);
  });

  it('lets other apps run while one app is full', async () => {
    t.emulator.setFault('/flux-dev-lora', { jobMs: 800 });
    const busy = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'busy' });
    await t.waitForGeneration(busy, (generation) => generation.status === 'RUNNING');
    const elsewhere = await createAccepted(t, 'client', '/z-image-lora', { ...LORA, prompt: 'elsewhere' });

    const done = await t.waitForGeneration(elsewhere);
    expect(done.status).toBe('SUCCEEDED');
    const stillBusy = await t.gql('internal', 'query($id: ID!) { generation(id: $id) { status } }', { id: busy });
    expect(stillBusy.body.data.generation.status).toBe('RUNNING');
    await t.waitForGeneration(busy);
    t.emulator.clearFaults('/flux-dev-lora');
  });
});

describe('terminal states', () => {
  it('ends SUCCEEDED with a reason', async () => {
    const id = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'ok' });
    const done = await t.waitForGeneration(id);
    expectTerminal(done, 'SUCCEEDED');
    expect(done.statusReason).toBe('The endpoint returned image/png; result-URL hops: 0.');
    expect(done.error).toBeNull();
  });

  it('ends FAILED with a reason', async () => {
    t.emulator.setFault('/z-image-lora', { failAfterAccept: { status: 500, message: 'CUDA out of memory' } });
    const id = await createAccepted(t, 'client', '/z-image-lora', { ...LORA, prompt: 'fail' });
    const done = await t.waitForGeneration(id);
    t.emulator.clearFaults('/z-image-lora');

    expectTerminal(done, 'FAILED');
    expect(done.statusReason).toBe('The endpoint rejected the request or failed while running it.');
    expect(done.error.upstreamStatus).toBe(500);
    expect(done.error.code).toBe('UPSTREAM_ERROR');
    expect(done.artifacts).toEqual([]);
  });

  it('times out while Modal keeps redirecting', async () => {
    deadlines.emulator.setFault('/flux-dev', { jobMs: 3000 });
    const id = await createAccepted(deadlines, 'internal', '/flux-dev', { prompt: 'slow' });
    const done = await deadlines.waitForGeneration(id);

    expectTerminal(done, 'TIMED_OUT');
    expect(done.statusReason).toBe('No result from Modal within the 1 s deadline.');
    expect(done.error.code).toBe('DEADLINE_EXCEEDED');
    expect(done.hops).toBeGreaterThanOrEqual(2);
    expect(done.upstreamPosts).toBe(1);
    expect(Date.parse(done.finishedAt)).toBeLessThanOrEqual(Date.parse(done.deadlineAt) + 1000);
  });

  it('times out when Modal sends no headers', async () => {
    deadlines.emulator.setFault('/flux-dev', { stallHeadersMs: 5000 });
    const id = await createAccepted(deadlines, 'internal', '/flux-dev', { prompt: 'stalled' });
    const done = await deadlines.waitForGeneration(id);
    deadlines.emulator.clearFaults('/flux-dev');

    expectTerminal(done, 'TIMED_OUT');
    expect(done.resultUrl).toBeNull();
    expect(Date.parse(done.finishedAt)).toBeLessThanOrEqual(Date.parse(done.deadlineAt) + 1000);
  });

  it('times out a generation still queued', async () => {
    // /flux has the default deadline, so it occupies the app's only slot longer than /flux-dev's 1 s.
    deadlines.emulator.setFault('/flux', { jobMs: 2500 });
    const blocker = await createAccepted(deadlines, 'internal', '/flux', { prompt: 'blocker' });
    await deadlines.waitForGeneration(blocker, (generation) => generation.status === 'RUNNING');
    const postsBefore = deadlines.emulator.countPosts('/flux-dev');
    const queued = await createAccepted(deadlines, 'internal', '/flux-dev', { prompt: 'never sent' });

    const done = await deadlines.waitForGeneration(queued);
    expectTerminal(done, 'TIMED_OUT');
    expect(done.statusReason).toBe('Waited in the queue past its deadline; nothing was sent to Modal.');
    expect(done.startedAt).toBeNull();
    expect(Date.parse(done.finishedAt)).toBeLessThanOrEqual(Date.parse(done.deadlineAt) + 1000);
    const blockerNow = await deadlines.gql('internal', 'query($id: ID!) { generation(id: $id) { status } }', { id: blocker });
    expect(blockerNow.body.data.generation.status).toBe('RUNNING');

    expect((await deadlines.waitForGeneration(blocker)).status).toBe('SUCCEEDED');
    deadlines.emulator.clearFaults('/flux');
    expect(deadlines.emulator.countPosts('/flux-dev')).toBe(postsBefore);
  });

  it('keeps nothing RUNNING past its deadline', async () => {
    deadlines.emulator.setFault('/flux-dev', { jobMs: 2000 });
    const ids = [
      await createAccepted(deadlines, 'internal', '/flux-dev', { prompt: 'one' }),
      await createAccepted(deadlines, 'internal', '/flux-dev', { prompt: 'two' }),
    ];
    const seen: string[] = [];
    await waitUntil('both generations to end', async () => {
      const response = await deadlines.gql('internal', 'query { generations(first: 100, filter: { endpoint: "/flux-dev" }) { nodes { id status deadlineAt } } }');
      const nodes = response.body.data.generations.nodes as { id: string; status: string; deadlineAt: string }[];
      for (const node of nodes) {
        if (node.status === 'RUNNING' && Date.now() > Date.parse(node.deadlineAt) + 1000) {
          seen.push(node.id);
        }
      }
      return nodes.filter((node) => ids.includes(node.id)).every((node) => !['QUEUED', 'RUNNING'].includes(node.status));
    });
    deadlines.emulator.clearFaults('/flux-dev');
    expect(seen).toEqual([]);
  });
});

describe('cancelGeneration', () => {
  it('cancels a QUEUED generation unsent', async () => {
    t.emulator.setFault('/flux-dev-lora', { jobMs: 300 });
    const busy = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'busy' });
    await t.waitForGeneration(busy, (generation) => generation.status === 'RUNNING');
    const queued = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'cancel me' });

    const payload = await cancel(t, queued);
    expect(payload.userErrors).toEqual([]);
    expect(payload.generation.status).toBe('CANCELED');
    expect(payload.generation.statusReason).toBe('Canceled by the caller before dispatch; nothing was sent to Modal.');
    expect(payload.generation.finishedAt).toEqual(expect.any(String));

    await t.waitForGeneration(busy);
    // The slot is free again, so a later generation runs, and the canceled one never does.
    const after = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'after' });
    await t.waitForGeneration(after);
    t.emulator.clearFaults('/flux-dev-lora');
    expect(promptsPostedTo(t, '/flux-dev-lora')).not.toContain('cancel me');
    const final = await t.waitForGeneration(queued);
    expect(final.status).toBe('CANCELED');
    expect(final.upstreamPosts).toBe(0);
  });

  it('cancels a RUNNING generation', async () => {
    t.emulator.setFault('/flux-dev-lora', { jobMs: 300 });
    const id = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'running' });
    await t.waitForGeneration(id, (generation) => generation.status === 'RUNNING');

    const payload = await cancel(t, id);
    expect(payload.userErrors).toEqual([]);
    expect(payload.generation.status).toBe('CANCELED');
    expect(payload.generation.statusReason).toBe(
      'Canceled by the caller while running; Modal may still finish the job it accepted, but its output is discarded.',
    );

    // The slot frees at once, and the job's end changes nothing.
    const next = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'next' });
    expect((await t.waitForGeneration(next)).status).toBe('SUCCEEDED');
    t.emulator.clearFaults('/flux-dev-lora');
    const final = await t.waitForGeneration(id);
    expectTerminal(final, 'CANCELED');
    expect(final.artifacts).toEqual([]);
  });

  it('rejects a finished generation as NOT_CANCELABLE', async () => {
    const id = await createAccepted(t, 'client', '/flux-dev-lora', { ...LORA, prompt: 'done' });
    await t.waitForGeneration(id);

    const payload = await cancel(t, id);
    expect(payload.generation.id).toBe(id);
    expect(payload.generation.status).toBe('SUCCEEDED');
    expect(payload.userErrors).toEqual([{ field: ['id'], code: 'NOT_CANCELABLE', message: `Generation ${id} already ended as SUCCEEDED.` }]);
  });
});
