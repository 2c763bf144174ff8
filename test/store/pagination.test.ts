import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, StoreError, cursorFor } from '../../src/store/index.js';
import type { GenerationFilter, GenerationRecord, GenerationStatus, GenerationStore } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';
import { makeGeneration } from './records.js';

const { tempDir, openMigratedStore } = useStoreFixtures();

const STATUSES: GenerationStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT'];
const BASE_MS = Date.UTC(2025, 2, 1, 9, 0, 0);

let store: GenerationStore;
let seeded: GenerationRecord[];

/**
 * Seeds 30 generations: two owners, three endpoints, all statuses, and pairs that share a
 * createdAt so the id tie-break is exercised.
 */
beforeEach(async () => {
  store = await openMigratedStore(path.join(tempDir(), 'gateway.db'));
  seeded = [];
  for (let index = 0; index < 30; index += 1) {
    const record = makeGeneration({
      id: `gen_${String(index).padStart(2, '0')}`,
      ownerId: index % 2 === 0 ? 'owner_even' : 'owner_odd',
      endpoint: ['/flux-dev', '/wan2.6', '/seedvr2'][index % 3] ?? '/flux-dev',
      status: STATUSES[index % STATUSES.length] ?? 'QUEUED',
      // Indices 2k and 2k+1 share a minute.
      createdAt: new Date(BASE_MS + Math.floor(index / 2) * 60_000),
    });
    seeded.push(record);
    await store.insertGeneration(record);
  }
});

function newestFirst(records: GenerationRecord[]): string[] {
  return [...records]
    .sort((left, right) => right.createdAt.getTime() - left.createdAt.getTime() || (left.id < right.id ? 1 : -1))
    .map((record) => record.id);
}

async function collectAllPages(filter: GenerationFilter, first: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await store.listGenerations(filter, after === undefined ? { first } : { first, after });
    pages += 1;
    ids.push(...page.items.map((record) => record.id));
    if (!page.hasNextPage) {
      return { ids, pages };
    }
    expect(page.endCursor).not.toBeNull();
    after = page.endCursor ?? undefined;
  }
}

async function catchStoreError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('listGenerations pages', () => {
  it('walks every generation newest first', async () => {
    const { ids, pages } = await collectAllPages({}, 7);
    expect(ids).toEqual(newestFirst(seeded));
    expect(pages).toBe(5);
  });

  it('breaks createdAt ties by id descending', async () => {
    const page = await store.listGenerations({}, { first: 2 });
    expect(page.items.map((record) => record.id)).toEqual(['gen_29', 'gen_28']);
    const next = await store.listGenerations({}, { first: 2, after: page.endCursor ?? '' });
    expect(next.items.map((record) => record.id)).toEqual(['gen_27', 'gen_26']);
  });

  it('reports the last page exactly', async () => {
    const full = await store.listGenerations({}, { first: 30 });
    expect(full.items).toHaveLength(30);
    expect(full.hasNextPage).toBe(false);

    const almost = await store.listGenerations({}, { first: 29 });
    expect(almost.hasNextPage).toBe(true);
    const rest = await store.listGenerations({}, { first: 29, after: almost.endCursor ?? '' });
    expect(rest.items.map((record) => record.id)).toEqual(['gen_00']);
    expect(rest.hasNextPage).toBe(false);

    const empty = await store.listGenerations({}, { first: 5, after: rest.endCursor ?? '' });
    expect(empty).toEqual({ items: [], endCursor: null, hasNextPage: false });
  });

  it('continues after an edge cursor', async () => {
    const page = await store.listGenerations({}, { first: 5 });
    const third = page.items[2];
    if (third === undefined) {
      throw new Error('The first page must have five items.');
    }
    expect(cursorFor(page.items[4] ?? third)).toBe(page.endCursor);

    const next = await store.listGenerations({}, { first: 2, after: cursorFor(third) });
    expect(next.items.map((record) => record.id)).toEqual(newestFirst(seeded).slice(3, 5));
  });

  it('keeps a cursor stable when newer rows arrive', async () => {
    const first = await store.listGenerations({}, { first: 10 });
    await store.insertGeneration(makeGeneration({ id: 'gen_newest', createdAt: new Date(BASE_MS + 3_600_000) }));
    const second = await store.listGenerations({}, { first: 10, after: first.endCursor ?? '' });
    expect(second.items[0]?.id).toBe(newestFirst(seeded)[10]);
  });
});

describe('listGenerations filters', () => {
  it('filters by owner across pages', async () => {
    const { ids } = await collectAllPages({ ownerId: 'owner_odd' }, 4);
    expect(ids).toEqual(newestFirst(seeded.filter((record) => record.ownerId === 'owner_odd')));
    expect(ids).toHaveLength(15);
  });

  it('filters by endpoint across pages', async () => {
    const { ids } = await collectAllPages({ endpoint: '/wan2.6' }, 3);
    expect(ids).toEqual(newestFirst(seeded.filter((record) => record.endpoint === '/wan2.6')));
    expect(ids).toHaveLength(10);
  });

  it('filters by statuses', async () => {
    const { ids } = await collectAllPages({ statuses: ['FAILED', 'TIMED_OUT'] }, 3);
    expect(ids).toEqual(newestFirst(seeded.filter((record) => ['FAILED', 'TIMED_OUT'].includes(record.status))));
    expect(ids).toHaveLength(10);
  });

  it('uses createdAfter inclusive and createdBefore exclusive', async () => {
    const createdAfter = new Date(BASE_MS + 5 * 60_000);
    const createdBefore = new Date(BASE_MS + 8 * 60_000);
    const { ids } = await collectAllPages({ createdAfter, createdBefore }, 4);
    expect(ids).toEqual(['gen_15', 'gen_14', 'gen_13', 'gen_12', 'gen_11', 'gen_10']);
  });

  it('combines every filter', async () => {
    const filter: GenerationFilter = {
      ownerId: 'owner_even',
      endpoint: '/flux-dev',
      statuses: ['QUEUED', 'SUCCEEDED', 'CANCELED'],
      createdAfter: new Date(BASE_MS + 60_000),
    };
    const expected = newestFirst(
      seeded.filter(
        (record) =>
          record.ownerId === 'owner_even' &&
          record.endpoint === '/flux-dev' &&
          ['QUEUED', 'SUCCEEDED', 'CANCELED'].includes(record.status) &&
          record.createdAt.getTime() >= BASE_MS + 60_000,
      ),
    );
    const { ids } = await collectAllPages(filter, 1);
    expect(ids).toEqual(expected);
    expect(ids).toEqual(['gen_24', 'gen_18', 'gen_12', 'gen_06']);
  });
});

describe('listGenerations validation', () => {
  it.each([
    ['not base64url', 'not a cursor!'],
    ['padded base64', 'WzEsImdlbl8wMSJd='],
    ['JSON object', Buffer.from('{"createdAtMs":1,"id":"gen_01"}').toString('base64url')],
    ['fractional time', Buffer.from('[1.5,"gen_01"]').toString('base64url')],
    ['empty id', Buffer.from('[1,""]').toString('base64url')],
    ['not JSON', Buffer.from('gen_01').toString('base64url')],
    ['empty string', ''],
  ])('rejects a cursor that is %s', async (_label, cursor) => {
    const error = await catchStoreError(store.listGenerations({}, { first: 5, after: cursor }));
    expect(error.code).toBe('INVALID_CURSOR');
    expect(error.message).toContain('expected the endCursor of a previous page');
  });

  it.each([0, -1, 2.5, MAX_PAGE_SIZE + 1, Number.NaN])('rejects page size %s', async (first) => {
    const error = await catchStoreError(store.listGenerations({}, { first }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(
      `Invalid page size first=${String(first)}: expected a whole number from 1 to ${MAX_PAGE_SIZE}.`,
    );
  });

  it('rejects an empty status filter', async () => {
    const error = await catchStoreError(store.listGenerations({ statuses: [] }, { first: 5 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('omit it to list every status');
  });

  it('rejects an invalid date filter', async () => {
    const error = await catchStoreError(store.listGenerations({ createdBefore: new Date(Number.NaN) }, { first: 5 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('createdBefore filter of listGenerations');
  });
});
