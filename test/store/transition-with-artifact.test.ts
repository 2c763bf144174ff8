import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { newRecordId, StoreError, type ArtifactRecord, type GenerationStore } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';
import { makeGeneration } from './records.js';

const fixtures = useStoreFixtures();

function artifactFor(generationId: string): ArtifactRecord {
  return {
    id: newRecordId('art'),
    generationId,
    mediaType: 'image/png',
    declaredContentType: 'image/jpeg',
    byteSize: 2048,
    width: 64,
    height: 64,
    sha256: 'ab'.repeat(32),
    storageKey: 'ab'.repeat(32),
    createdAt: new Date('2025-03-01T10:01:00.000Z'),
  };
}

async function storeWithRunning(): Promise<{ store: GenerationStore; id: string }> {
  const store = await fixtures.openMigratedStore(path.join(fixtures.tempDir(), 'gateway.sqlite'));
  const { generation } = await store.insertGeneration(makeGeneration({ status: 'RUNNING', upstreamPosts: 1 }));
  return { store, id: generation.id };
}

describe('transitionGenerationWithArtifact', () => {
  it('attaches the artifact and applies the patch together', async () => {
    const { store, id } = await storeWithRunning();
    const artifact = artifactFor(id);

    const updated = await store.transitionGenerationWithArtifact(id, ['RUNNING'], artifact, { status: 'SUCCEEDED' });

    expect(updated?.status).toBe('SUCCEEDED');
    expect(await store.listArtifactsByGeneration([id])).toEqual([[artifact]]);
  });

  it('writes nothing when the status moved on', async () => {
    const { store, id } = await storeWithRunning();
    await store.transitionGeneration(id, ['RUNNING'], { status: 'CANCELED' });

    const updated = await store.transitionGenerationWithArtifact(id, ['RUNNING'], artifactFor(id), { status: 'SUCCEEDED' });

    expect(updated).toBeNull();
    expect((await store.getGeneration(id))?.status).toBe('CANCELED');
    expect(await store.listArtifactsByGeneration([id])).toEqual([[]]);
  });

  it('rejects an artifact of another generation', async () => {
    const { store, id } = await storeWithRunning();

    const attempt = store.transitionGenerationWithArtifact(id, ['RUNNING'], artifactFor('gen_other'), { status: 'SUCCEEDED' });

    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await store.getGeneration(id))?.status).toBe('RUNNING');
  });

  it('rolls back the artifact when the patch is invalid', async () => {
    const { store, id } = await storeWithRunning();

    const attempt = store.transitionGenerationWithArtifact(id, ['RUNNING'], artifactFor(id), { upstreamPosts: 2 });

    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    expect(await store.listArtifactsByGeneration([id])).toEqual([[]]);
  });
});
