/**
 * checkWritable against real failures. Root ignores file modes, so as root the tests make files
 * unwritable with the ext2/3/4 immutable attribute (`chattr +i`), which binds root as well and
 * also fails writes through descriptors that are already open. Tests that need the attribute
 * are skipped when chattr is missing or not permitted.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';
import { makeGeneration } from './records.js';

const { tempDir, openStore, openMigratedStore } = useStoreFixtures();

const isRoot = process.getuid?.() === 0;
const immutableSupported = probeImmutableAttribute();

/** Returns whether `chattr +i` works here and really stops a read-write open. */
function probeImmutableAttribute(): boolean {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'store-chattr-probe-'));
  const file = path.join(folder, 'probe');
  writeFileSync(file, 'probe');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  } catch {
    rmSync(folder, { recursive: true, force: true });
    return false;
  }
  let blocked = false;
  try {
    closeSync(openSync(file, 'r+'));
  } catch {
    blocked = true;
  }
  execFileSync('chattr', ['-i', file]);
  rmSync(folder, { recursive: true, force: true });
  return blocked;
}

function setImmutable(files: string[], immutable: boolean): void {
  execFileSync('chattr', [immutable ? '+i' : '-i', ...files.filter((file) => existsSync(file))]);
}

/** Makes `file` unwritable: the immutable attribute as root, mode 0444 otherwise. Returns the undo. */
function makeReadOnly(file: string): () => void {
  if (isRoot) {
    setImmutable([file], true);
    return () => setImmutable([file], false);
  }
  chmodSync(file, 0o444);
  return () => chmodSync(file, 0o644);
}

async function catchStoreError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('checkWritable', () => {
  it('commits a health row on a healthy database', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const store = await openMigratedStore(file);
    const before = Date.now();

    await store.checkWritable();

    const observer = new Database(file, { readonly: true });
    const row = observer.prepare('SELECT checked_at FROM store_health WHERE id = 1').get() as { checked_at: number };
    observer.close();
    expect(row.checked_at).toBeGreaterThanOrEqual(before);
    expect(row.checked_at).toBeLessThanOrEqual(Date.now());
  });

  it.skipIf(!immutableSupported)('fails when the open database becomes immutable', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const store = await openMigratedStore(file);
    await store.checkWritable();
    // The -shm file stays writable: SQLite maps it into memory, and an immutable mapping faults the process.
    const files = [file, `${file}-wal`];
    expect(existsSync(`${file}-wal`)).toBe(true);

    setImmutable(files, true);
    try {
      const error = await catchStoreError(store.checkWritable());
      expect(error.code).toBe('DATABASE_NOT_WRITABLE');
      expect(error.message).toMatch(new RegExp(`^Database ${file} is not writable: SQLITE_IOERR`));
      expect(error.message).toContain('Check free disk space, permissions and file attributes');

      const insert = await catchStoreError(store.insertGeneration(makeGeneration()));
      expect(insert.code).toBe('DATABASE_ERROR');
    } finally {
      setImmutable(files, false);
    }

    await store.checkWritable();
  });

  it.skipIf(isRoot && !immutableSupported)('fails when reopened on a read-only file', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await (await openMigratedStore(file)).close();
    const undo = makeReadOnly(file);
    try {
      expect(() => closeSync(openSync(file, 'r+'))).toThrow();

      const store = openStore({ file });
      expect(await store.migrate()).toEqual({ applied: [] });
      expect((await store.getGeneration('gen_any'))).toBeNull();

      const error = await catchStoreError(store.checkWritable());
      expect(error.code).toBe('DATABASE_NOT_WRITABLE');
      expect(error.message).toContain(`Database ${file} is not writable: SQLITE_READONLY`);
      await store.close();
    } finally {
      undo();
    }
  });

  it('fails while another connection holds the write lock', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await (await openMigratedStore(file)).close();
    const store = openStore({ file, busyTimeoutMs: 50 });
    await store.migrate();
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const error = await catchStoreError(store.checkWritable());
      expect(error.code).toBe('DATABASE_NOT_WRITABLE');
      expect(error.message).toContain('is not writable: SQLITE_BUSY: database is locked');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }

    await store.checkWritable();
  });
});
