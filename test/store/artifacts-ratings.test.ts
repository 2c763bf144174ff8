import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoreError, newRecordId } from '../../src/store/index.js';
import type { ArtifactRecord, GenerationStore, RatingRecord } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';
import { makeGeneration } from './records.js';

const { tempDir, openMigratedStore } = useStoreFixtures();

let store: GenerationStore;

beforeEach(async () => {
  store = await openMigratedStore(path.join(tempDir(), 'gateway.db'));
  await store.insertGeneration(makeGeneration({ id: 'gen_image' }));
  await store.insertGeneration(makeGeneration({ id: 'gen_video', endpoint: '/wan2.6', app: 'ryla-wan' }));
});

function makeArtifact(overrides: Partial<ArtifactRecord> = {}): ArtifactRecord {
  return {
    id: newRecordId('art'),
    generationId: 'gen_image',
    mediaType: 'image/png',
    declaredContentType: 'image/jpeg',
    byteSize: 1_048_576,
    width: 1024,
    height: 768,
    sha256: 'ef'.repeat(32),
    storageKey: 'ef'.repeat(32),
    createdAt: new Date('2025-03-01T10:01:00.000Z'),
    ...overrides,
  };
}

function makeRating(overrides: Partial<RatingRecord> = {}): RatingRecord {
  return {
    id: newRecordId('rat'),
    endpoint: '/flux-dev',
    generationId: 'gen_image',
    score: 4,
    note: 'sharp, good hands',
    authorId: 'key_fingerprint_internal',
    createdAt: new Date('2025-03-01T11:00:00.000Z'),
    ...overrides,
  };
}

async function catchStoreError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('artifacts', () => {
  it('round-trips an artifact', async () => {
    const artifact = makeArtifact();
    await store.insertArtifact(artifact);
    expect(await store.getArtifact(artifact.id)).toEqual(artifact);
  });

  it('round-trips null dimensions and content type', async () => {
    const artifact = makeArtifact({ mediaType: 'video/mp4', declaredContentType: null, width: null, height: null });
    await store.insertArtifact(artifact);
    expect(await store.getArtifact(artifact.id)).toEqual(artifact);
  });

  it('returns null for an unknown artifact', async () => {
    expect(await store.getArtifact('art_missing')).toBeNull();
  });

  it('lists artifacts per generation in request order', async () => {
    const second = makeArtifact({ id: 'art_second', createdAt: new Date('2025-03-01T10:02:00.000Z') });
    const first = makeArtifact({ id: 'art_first', createdAt: new Date('2025-03-01T10:01:00.000Z') });
    const video = makeArtifact({ id: 'art_video', generationId: 'gen_video', mediaType: 'image/webp' });
    await store.insertArtifact(second);
    await store.insertArtifact(video);
    await store.insertArtifact(first);

    const lists = await store.listArtifactsByGeneration(['gen_video', 'gen_missing', 'gen_image', 'gen_video']);

    expect(lists.map((list) => list.map((artifact) => artifact.id))).toEqual([
      ['art_video'],
      [],
      ['art_first', 'art_second'],
      ['art_video'],
    ]);
    expect(lists[2]?.[0]).toEqual(first);
    expect(lists[0]).not.toBe(lists[3]);
    expect(await store.listArtifactsByGeneration([])).toEqual([]);
  });

  it('rejects an artifact of an unknown generation', async () => {
    const error = await catchStoreError(store.insertArtifact(makeArtifact({ id: 'art_orphan', generationId: 'gen_gone' })));
    expect(error.code).toBe('REFERENCE_NOT_FOUND');
    expect(error.message).toBe(
      'Cannot insertArtifact: artifact "art_orphan" references generation "gen_gone", which does not exist. ' +
        'Insert the generation first.',
    );
  });

  it('rejects a duplicate artifact id', async () => {
    await store.insertArtifact(makeArtifact({ id: 'art_same' }));
    const error = await catchStoreError(store.insertArtifact(makeArtifact({ id: 'art_same' })));
    expect(error.code).toBe('DUPLICATE_ID');
  });

  it('rejects a storage key that is not a sha256', async () => {
    const error = await catchStoreError(store.insertArtifact(makeArtifact({ storageKey: '../etc/passwd' })));
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toContain('storageKey: expected 64 lowercase hex characters');
  });
});

describe('ratings', () => {
  it('round-trips ratings with and without a generation', async () => {
    const forGeneration = makeRating();
    const forEndpoint = makeRating({ generationId: null, note: null, score: 2.5, createdAt: new Date('2025-03-01T12:00:00.000Z') });
    await store.insertRating(forGeneration);
    await store.insertRating(forEndpoint);

    expect(await store.listRatings({})).toEqual([forGeneration, forEndpoint]);
  });

  it('filters ratings by endpoint and generation', async () => {
    const flux = makeRating({ id: 'rat_flux' });
    const fluxLater = makeRating({ id: 'rat_flux_later', generationId: null, createdAt: new Date('2025-03-02T00:00:00.000Z') });
    const wan = makeRating({ id: 'rat_wan', endpoint: '/wan2.6', generationId: 'gen_video' });
    for (const rating of [fluxLater, wan, flux]) {
      await store.insertRating(rating);
    }

    expect((await store.listRatings({ endpoint: '/flux-dev' })).map((rating) => rating.id)).toEqual(['rat_flux', 'rat_flux_later']);
    expect((await store.listRatings({ generationId: 'gen_video' })).map((rating) => rating.id)).toEqual(['rat_wan']);
    expect(await store.listRatings({ endpoint: '/wan2.6', generationId: 'gen_image' })).toEqual([]);
  });

  it('rejects a rating of an unknown generation', async () => {
    const error = await catchStoreError(store.insertRating(makeRating({ id: 'rat_orphan', generationId: 'gen_gone' })));
    expect(error.code).toBe('REFERENCE_NOT_FOUND');
    expect(error.message).toContain('rating "rat_orphan" references generation "gen_gone"');
  });
});
