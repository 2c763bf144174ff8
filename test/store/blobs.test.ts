import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { StoreError, createBlobStore } from '../../src/store/index.js';
import type { BlobStore } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';

const { tempDir } = useStoreFixtures();

/** PNG signature plus a few bytes: enough to be recognisable, small enough to read in a diff. */
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function newBlobStore(): { dir: string; blobs: BlobStore } {
  const dir = path.join(tempDir(), 'blobs');
  return { dir, blobs: createBlobStore({ dir }) };
}

async function catchStoreError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('blob store', () => {
  it('stores and reads bytes under their sha256', async () => {
    const { dir, blobs } = newBlobStore();

    const stored = await blobs.put(PNG_BYTES);

    const expectedKey = sha256Hex(PNG_BYTES);
    expect(stored).toEqual({ sha256: expectedKey, storageKey: expectedKey, byteSize: PNG_BYTES.length });
    expect(await blobs.get(stored.storageKey)).toEqual(PNG_BYTES);
    expect(readdirSync(path.join(dir, expectedKey.slice(0, 2)))).toEqual([expectedKey]);
  });

  it('keeps one file for the same content', async () => {
    const { dir, blobs } = newBlobStore();

    const first = await blobs.put(PNG_BYTES);
    const second = await blobs.put(new Uint8Array(PNG_BYTES));
    const [third, fourth] = await Promise.all([blobs.put(Buffer.from(PNG_BYTES)), blobs.put(Buffer.from(PNG_BYTES))]);

    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(fourth).toEqual(first);
    expect(readdirSync(path.join(dir, first.storageKey.slice(0, 2)))).toEqual([first.storageKey]);
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('stores an empty blob', async () => {
    const { blobs } = newBlobStore();
    const stored = await blobs.put(new Uint8Array(0));
    expect(stored.byteSize).toBe(0);
    expect(stored.storageKey).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await blobs.get(stored.storageKey)).length).toBe(0);
  });

  it('streams a stored blob', async () => {
    const { blobs } = newBlobStore();
    const bytes = Buffer.alloc(200_000, 7);
    const { storageKey } = await blobs.put(bytes);

    const read = await buffer(blobs.openReadStream(storageKey));

    // Hashes instead of toEqual, which compares a large Buffer byte by byte slowly.
    expect(read.length).toBe(bytes.length);
    expect(sha256Hex(read)).toBe(sha256Hex(bytes));
  });

  it('reports presence and deletes', async () => {
    const { blobs } = newBlobStore();
    const { storageKey } = await blobs.put(PNG_BYTES);

    expect(await blobs.has(storageKey)).toBe(true);
    expect(await blobs.delete(storageKey)).toBe(true);
    expect(await blobs.has(storageKey)).toBe(false);
    expect(await blobs.delete(storageKey)).toBe(false);
  });

  it('rejects a missing blob', async () => {
    const { blobs } = newBlobStore();
    const missingKey = sha256Hex(Buffer.from('never stored'));

    const fromGet = await catchStoreError(blobs.get(missingKey));
    expect(fromGet.code).toBe('BLOB_NOT_FOUND');
    expect(fromGet.message).toContain(`No blob is stored under key ${missingKey}`);
    const fromStream = await catchStoreError(buffer(blobs.openReadStream(missingKey)));
    expect(fromStream.code).toBe('BLOB_NOT_FOUND');
  });

  it('detects a corrupted file', async () => {
    const { dir, blobs } = newBlobStore();
    const { storageKey } = await blobs.put(PNG_BYTES);
    writeFileSync(path.join(dir, storageKey.slice(0, 2), storageKey), 'overwritten');

    const error = await catchStoreError(blobs.get(storageKey));
    expect(error.code).toBe('BLOB_CORRUPTED');
    expect(error.message).toContain(`the file hashes to ${sha256Hex(Buffer.from('overwritten'))}`);
  });

  it.each([
    ['a parent path', '../../etc/passwd'],
    ['a hex key with a parent path', `${'a'.repeat(62)}/..`],
    ['uppercase hex', 'A'.repeat(64)],
    ['63 characters', 'a'.repeat(63)],
    ['65 characters', 'a'.repeat(65)],
    ['a trailing newline', `${'a'.repeat(64)}\n`],
    ['an absolute path', `/${'a'.repeat(63)}`],
    ['an empty string', ''],
  ])('rejects a storage key with %s', async (_label, key) => {
    const { blobs } = newBlobStore();
    for (const call of [blobs.get(key), blobs.has(key), blobs.delete(key)]) {
      const error = await catchStoreError(call);
      expect(error.code).toBe('INVALID_STORAGE_KEY');
      expect(error.message).toContain('expected 64 lowercase hex characters');
    }
    expect(() => blobs.openReadStream(key)).toThrow(expect.objectContaining({ code: 'INVALID_STORAGE_KEY' }));
  });

  it('rejects content that is not bytes', async () => {
    const { blobs } = newBlobStore();
    const error = await catchStoreError(blobs.put('text' as unknown as Uint8Array));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('Invalid blob content: expected a Buffer or Uint8Array, got string.');
  });

  it('rejects an empty directory option', () => {
    expect(() => createBlobStore({ dir: ' ' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
