import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError, openSqliteStore } from '../../src/store/index.js';
import type { GenerationRecord } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';
import { MAX_SEED, makeFailedGeneration, makeGeneration } from './records.js';

const { tempDir, openStore, openMigratedStore } = useStoreFixtures();

async function newStoreFile(): Promise<{ file: string; store: Awaited<ReturnType<typeof openMigratedStore>> }> {
  const file = path.join(tempDir(), 'gateway.db');
  return { file, store: await openMigratedStore(file) };
}

async function catchStoreError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

function countGenerations(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM generations').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('insertGeneration and getGeneration', () => {
  it('round-trips every field set', async () => {
    const { store } = await newStoreFile();
    const record = makeFailedGeneration();

    const { generation, created } = await store.insertGeneration(record);

    expect(created).toBe(true);
    expect(generation).toEqual(record);
    const loaded = await store.getGeneration(record.id);
    expect(loaded).toEqual(record);
    expect(loaded?.createdAt).toBeInstanceOf(Date);
    expect(loaded?.createdAt.toISOString()).toBe('2025-03-01T10:00:00.123Z');
    expect(loaded?.inputs['seed']).toBe(MAX_SEED);
    expect(loaded?.coldStart).toBe(true);
  });

  it('round-trips every nullable field as null', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration();

    await store.insertGeneration(record);

    const loaded = await store.getGeneration(record.id);
    expect(loaded).toEqual(record);
    expect(loaded?.startedAt).toBeNull();
    expect(loaded?.coldStart).toBeNull();
    expect(loaded?.idempotencyKey).toBeNull();
  });

  it('keeps coldStart false apart from null', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ coldStart: false });
    await store.insertGeneration(record);
    expect((await store.getGeneration(record.id))?.coldStart).toBe(false);
  });

  it('returns null for an unknown id', async () => {
    const { store } = await newStoreFile();
    expect(await store.getGeneration('gen_missing')).toBeNull();
  });

  it('rejects a duplicate id', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ id: 'gen_same' });
    await store.insertGeneration(record);

    const error = await catchStoreError(store.insertGeneration(makeGeneration({ id: 'gen_same' })));
    expect(error.code).toBe('DUPLICATE_ID');
    expect(error.message).toContain('a generation with id "gen_same" already exists');
  });

  it('rejects an invalid date', async () => {
    const { store } = await newStoreFile();
    const error = await catchStoreError(store.insertGeneration(makeGeneration({ createdAt: new Date('not a date') })));
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toMatch(/^Invalid generation: createdAt: /);
  });

  it('rejects an unsafe integer in the inputs', async () => {
    const { store } = await newStoreFile();
    const error = await catchStoreError(
      store.insertGeneration(makeGeneration({ inputs: { options: { seed: 2 ** 64 } } })),
    );
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toContain('options.seed is the unsafe integer 18446744073709552000');
    expect(error.message).toContain('pass integers beyond 2^53-1 as decimal strings');
  });

  it('rejects a non-JSON value in the inputs', async () => {
    const { store } = await newStoreFile();
    const error = await catchStoreError(
      store.insertGeneration(makeGeneration({ inputs: { image: Buffer.from('png') } })),
    );
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toContain('image is a Buffer; expected null, a boolean, a number, a string');
  });

  it('rejects an unknown field', async () => {
    const { store } = await newStoreFile();
    const record = { ...makeGeneration(), prompt: 'leaked' } as GenerationRecord;
    const error = await catchStoreError(store.insertGeneration(record));
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toContain('prompt');
  });

  it('rejects a second upstream POST at insert', async () => {
    const { store } = await newStoreFile();
    const error = await catchStoreError(store.insertGeneration(makeGeneration({ upstreamPosts: 2 })));
    expect(error.code).toBe('CONSTRAINT_VIOLATION');
    expect(error.message).toContain('CHECK constraint failed: upstream_posts BETWEEN 0 AND 1');
  });
});

describe('idempotent insert', () => {
  it('returns the existing generation for the same owner and key', async () => {
    const { file, store } = await newStoreFile();
    const first = makeGeneration({ id: 'gen_first', idempotencyKey: 'order-17' });
    await store.insertGeneration(first);

    const second = makeGeneration({ id: 'gen_second', idempotencyKey: 'order-17', inputDigest: 'cd'.repeat(32) });
    const result = await store.insertGeneration(second);

    expect(result.created).toBe(false);
    expect(result.generation).toEqual(first);
    expect(await store.getGeneration('gen_second')).toBeNull();
    expect(countGenerations(file)).toBe(1);
  });

  it('finds a generation by owner and key', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ ownerId: 'owner_a', idempotencyKey: 'order-17' });
    await store.insertGeneration(record);

    expect(await store.findGenerationByIdempotencyKey('owner_a', 'order-17')).toEqual(record);
    expect(await store.findGenerationByIdempotencyKey('owner_b', 'order-17')).toBeNull();
    expect(await store.findGenerationByIdempotencyKey('owner_a', 'order-18')).toBeNull();
  });

  it('scopes keys to the owner', async () => {
    const { store } = await newStoreFile();
    await store.insertGeneration(makeGeneration({ ownerId: 'owner_a', idempotencyKey: 'order-17' }));
    const other = await store.insertGeneration(makeGeneration({ ownerId: 'owner_b', idempotencyKey: 'order-17' }));
    expect(other.created).toBe(true);
    expect(other.generation.ownerId).toBe('owner_b');
  });

  it('never deduplicates a null key', async () => {
    const { file, store } = await newStoreFile();
    const first = await store.insertGeneration(makeGeneration({ idempotencyKey: null }));
    const second = await store.insertGeneration(makeGeneration({ idempotencyKey: null }));
    expect([first.created, second.created]).toEqual([true, true]);
    expect(countGenerations(file)).toBe(2);
  });

  it('creates one row for concurrent calls on two connections', async () => {
    const { file, store } = await newStoreFile();
    const other = openStore({ file });
    await other.migrate();

    const results = await Promise.all([
      store.insertGeneration(makeGeneration({ id: 'gen_left', idempotencyKey: 'same-click' })),
      other.insertGeneration(makeGeneration({ id: 'gen_right', idempotencyKey: 'same-click' })),
      store.insertGeneration(makeGeneration({ id: 'gen_third', idempotencyKey: 'same-click' })),
    ]);

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.generation.id))).toEqual(new Set(['gen_left']));
    expect(countGenerations(file)).toBe(1);
  });
});

describe('transitionGeneration', () => {
  it('applies the patch when the status matches', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration();
    await store.insertGeneration(record);
    const startedAt = new Date('2025-03-01T10:00:05.000Z');

    const running = await store.transitionGeneration(record.id, ['QUEUED'], {
      status: 'RUNNING',
      startedAt,
      updatedAt: startedAt,
      upstreamPosts: 1,
      attempts: 1,
      statusReason: 'sent to upstream',
    });

    expect(running).toEqual({
      ...record,
      status: 'RUNNING',
      startedAt,
      updatedAt: startedAt,
      upstreamPosts: 1,
      attempts: 1,
      statusReason: 'sent to upstream',
    });
    expect(await store.getGeneration(record.id)).toEqual(running);
  });

  it('returns null and changes nothing when the status differs', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ status: 'CANCELED' });
    await store.insertGeneration(record);

    const result = await store.transitionGeneration(record.id, ['QUEUED', 'RUNNING'], { status: 'SUCCEEDED' });

    expect(result).toBeNull();
    expect(await store.getGeneration(record.id)).toEqual(record);
  });

  it('lets exactly one of two racing transitions win', async () => {
    const { file, store } = await newStoreFile();
    const other = openStore({ file });
    await other.migrate();
    const record = makeGeneration();
    await store.insertGeneration(record);

    const [cancel, start] = await Promise.all([
      store.transitionGeneration(record.id, ['QUEUED'], { status: 'CANCELED', statusReason: 'canceled by client' }),
      other.transitionGeneration(record.id, ['QUEUED'], { status: 'RUNNING', upstreamPosts: 1 }),
    ]);

    expect(cancel?.status).toBe('CANCELED');
    expect(start).toBeNull();
    expect((await other.getGeneration(record.id))?.upstreamPosts).toBe(0);
  });

  it('sets updatedAt to now when the patch has none', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration();
    await store.insertGeneration(record);
    const before = Date.now();

    const updated = await store.transitionGeneration(record.id, ['QUEUED'], { status: 'RUNNING' });

    expect(updated?.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(updated?.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('rejects an unknown id', async () => {
    const { store } = await newStoreFile();
    const error = await catchStoreError(store.transitionGeneration('gen_missing', ['QUEUED'], { status: 'RUNNING' }));
    expect(error.code).toBe('GENERATION_NOT_FOUND');
    expect(error.message).toContain('no generation has id "gen_missing"');
  });

  it('rejects an empty status list', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration();
    await store.insertGeneration(record);
    const error = await catchStoreError(store.transitionGeneration(record.id, [], { status: 'RUNNING' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('fromStatuses of transitionGeneration');
  });

  it('rejects a change to a field fixed at insert', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ idempotencyKey: 'order-1' });
    await store.insertGeneration(record);

    const error = await catchStoreError(store.transitionGeneration(record.id, ['QUEUED'], { ownerId: 'someone_else' }));
    expect(error.code).toBe('IMMUTABLE_FIELD');
    expect(error.message).toContain('Cannot change ownerId of generation');

    const same = await store.transitionGeneration(record.id, ['QUEUED'], {
      idempotencyKey: 'order-1',
      createdAt: new Date(record.createdAt.getTime()),
      status: 'RUNNING',
    });
    expect(same?.status).toBe('RUNNING');
  });

  it('rejects a second upstream POST', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ status: 'RUNNING', upstreamPosts: 1 });
    await store.insertGeneration(record);

    const error = await catchStoreError(store.transitionGeneration(record.id, ['RUNNING'], { upstreamPosts: 2 }));
    expect(error.code).toBe('CONSTRAINT_VIOLATION');
    expect((await store.getGeneration(record.id))?.upstreamPosts).toBe(1);
  });

  it('rejects a patch field of the wrong type', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration();
    await store.insertGeneration(record);
    const patch = { status: 'DONE' } as unknown as Partial<GenerationRecord>;

    const error = await catchStoreError(store.transitionGeneration(record.id, ['QUEUED'], patch));
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toMatch(/^Invalid generation patch: status: /);
  });
});

describe('updateGeneration', () => {
  it('stores the result URL whatever the status', async () => {
    const { store } = await newStoreFile();
    const record = makeGeneration({ status: 'RUNNING', upstreamPosts: 1 });
    await store.insertGeneration(record);
    const resultUrl = 'https://ryla--ryla-flux-comfyui-fastapi-app.modal.run/flux-dev?__modal_function_call_id=fc-9';

    const updated = await store.updateGeneration(record.id, { resultUrl, hops: 1, gpuType: undefined });

    expect(updated.resultUrl).toBe(resultUrl);
    expect(updated.hops).toBe(1);
    expect(updated.status).toBe('RUNNING');
    expect(updated.gpuType).toBeNull();
  });

  it('rejects an unknown id', async () => {
    const { store } = await newStoreFile();
    const error = await catchStoreError(store.updateGeneration('gen_missing', { hops: 1 }));
    expect(error.code).toBe('GENERATION_NOT_FOUND');
  });
});

describe('batched and status queries', () => {
  it('getGenerations keeps order with nulls', async () => {
    const { store } = await newStoreFile();
    const a = makeGeneration({ id: 'gen_a' });
    const b = makeGeneration({ id: 'gen_b' });
    await store.insertGeneration(a);
    await store.insertGeneration(b);

    const loaded = await store.getGenerations(['gen_b', 'gen_missing', 'gen_a', 'gen_b']);

    expect(loaded.map((record) => record?.id ?? null)).toEqual(['gen_b', null, 'gen_a', 'gen_b']);
    expect(loaded[2]).toEqual(a);
    expect(await store.getGenerations([])).toEqual([]);
  });

  it('listGenerationsByStatus returns the oldest first', async () => {
    const { store } = await newStoreFile();
    const at = (minute: number): Date => new Date(Date.UTC(2025, 2, 1, 10, minute));
    await store.insertGeneration(makeGeneration({ id: 'gen_late', status: 'QUEUED', createdAt: at(30) }));
    await store.insertGeneration(makeGeneration({ id: 'gen_early', status: 'RUNNING', createdAt: at(5) }));
    await store.insertGeneration(makeGeneration({ id: 'gen_done', status: 'SUCCEEDED', createdAt: at(1) }));
    await store.insertGeneration(makeGeneration({ id: 'gen_middle', status: 'QUEUED', createdAt: at(10) }));

    const pending = await store.listGenerationsByStatus(['QUEUED', 'RUNNING']);

    expect(pending.map((record) => record.id)).toEqual(['gen_early', 'gen_middle', 'gen_late']);
    expect((await store.listGenerationsByStatus(['FAILED'])).length).toBe(0);
  });

  it('listGenerationsByStatus rejects an unknown status', async () => {
    const { store } = await newStoreFile();
    const statuses = ['QUEUED', 'PENDING'] as unknown as GenerationRecord['status'][];
    const error = await catchStoreError(store.listGenerationsByStatus(statuses));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('1: ');
  });

  it('listFinishedGenerations uses a half-open window', async () => {
    const { store } = await newStoreFile();
    const at = (minute: number): Date => new Date(Date.UTC(2025, 2, 1, 12, minute));
    const finished = (id: string, minute: number | null, endpoint = '/flux-dev'): GenerationRecord =>
      makeGeneration({ id, endpoint, status: minute === null ? 'RUNNING' : 'SUCCEEDED', finishedAt: minute === null ? null : at(minute) });
    await store.insertGeneration(finished('gen_before', 9));
    await store.insertGeneration(finished('gen_at_start', 10));
    await store.insertGeneration(finished('gen_inside', 15));
    await store.insertGeneration(finished('gen_other_endpoint', 16, '/wan2.6'));
    await store.insertGeneration(finished('gen_at_end', 20));
    await store.insertGeneration(finished('gen_running', null));

    const window = await store.listFinishedGenerations({ finishedAfter: at(10), finishedBefore: at(20) });
    expect(window.map((record) => record.id)).toEqual(['gen_at_start', 'gen_inside', 'gen_other_endpoint']);

    const flux = await store.listFinishedGenerations({ endpoint: '/flux-dev', finishedAfter: at(10) });
    expect(flux.map((record) => record.id)).toEqual(['gen_at_start', 'gen_inside', 'gen_at_end']);
  });
});

describe('restart', () => {
  it('keeps data across close and reopen', async () => {
    const { file, store } = await newStoreFile();
    const record = makeFailedGeneration();
    await store.insertGeneration(record);
    await store.updateGeneration(record.id, { hops: 3, updatedAt: record.updatedAt });
    await store.close();

    const reopened = openSqliteStore({ file });
    try {
      expect(await reopened.migrate()).toEqual({ applied: [] });
      expect(await reopened.getGeneration(record.id)).toEqual({ ...record, hops: 3 });
      const again = await reopened.insertGeneration(makeGeneration({ idempotencyKey: record.idempotencyKey }));
      expect(again.created).toBe(false);
      expect(again.generation.id).toBe(record.id);
    } finally {
      await reopened.close();
    }
  });
});
