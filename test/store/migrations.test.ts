import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, StoreError } from '../../src/store/index.js';
import type { Migration } from '../../src/store/index.js';
import { useStoreFixtures } from './helpers.js';
import { makeGeneration } from './records.js';

const { tempDir, openStore, openMigratedStore } = useStoreFixtures();

/** Reads schema_migrations through a separate connection. */
function readMigrationRows(file: string): { version: number; name: string; applied_at: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
      applied_at: number;
    }[];
  } finally {
    db.close();
  }
}

function runSql(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

function tableExists(file: string, table: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
  } finally {
    db.close();
  }
}

async function expectStoreError(promise: Promise<unknown>, code: string): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

describe('migrate', () => {
  it('applies every migration once and records it', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const before = Date.now();
    const store = openStore({ file });

    expect(await store.migrationState()).toEqual({ current: 0, latest: MIGRATIONS.length });
    expect(await store.migrate()).toEqual({ applied: [1] });
    expect(await store.migrationState()).toEqual({ current: 1, latest: 1 });

    const rows = readMigrationRows(file);
    expect(rows.map((row) => [row.version, row.name])).toEqual([[1, 'initial']]);
    expect(rows[0]?.applied_at).toBeGreaterThanOrEqual(before);
    expect(rows[0]?.applied_at).toBeLessThanOrEqual(Date.now());
  });

  it('does nothing when the database is current', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const first = openStore({ file });
    await first.migrate();
    await first.insertGeneration(makeGeneration({ id: 'gen_kept' }));
    await first.close();

    const second = openStore({ file });
    expect(await second.migrate()).toEqual({ applied: [] });
    expect(await second.migrate()).toEqual({ applied: [] });
    expect(readMigrationRows(file)).toHaveLength(1);
    expect((await second.getGeneration('gen_kept'))?.id).toBe('gen_kept');
  });

  it('rejects a database newer than the code', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await (await openMigratedStore(file)).close();
    runSql(file, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (2, 'from-the-future', 0)");

    const store = openStore({ file });
    const error = await expectStoreError(store.migrate(), 'MIGRATION_NEWER_THAN_CODE');
    expect(error.message).toBe(
      `Database ${file} has schema version 2, but this build contains migrations up to version 1 only. ` +
        'Run a build that includes migration 2, or restore a backup taken before that migration.',
    );
    expect(await store.migrationState()).toEqual({ current: 2, latest: 1 });
    await expectStoreError(store.getGeneration('gen_x'), 'NOT_MIGRATED');
  });

  it('rejects a history recorded under another name', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await (await openMigratedStore(file)).close();
    runSql(file, "UPDATE schema_migrations SET name = 'initial-from-other-branch' WHERE version = 1");

    const error = await expectStoreError(openStore({ file }).migrate(), 'MIGRATION_HISTORY_MISMATCH');
    expect(error.message).toContain('recorded migration 1 as "initial-from-other-branch"');
    expect(error.message).toContain('this build names it "initial"');
  });

  it('applies only a newly added migration', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await (await openMigratedStore(file)).close();
    const addNotes: Migration = { version: 2, name: 'add-notes', sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY) STRICT;' };

    const store = openStore({ file, migrations: [...MIGRATIONS, addNotes] });
    expect(await store.migrate()).toEqual({ applied: [2] });
    expect(await store.migrationState()).toEqual({ current: 2, latest: 2 });
    expect(readMigrationRows(file).map((row) => row.name)).toEqual(['initial', 'add-notes']);
    expect(tableExists(file, 'notes')).toBe(true);
  });

  it('rolls back a failing migration', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await (await openMigratedStore(file)).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id TEXT) STRICT; INSERT INTO no_such_table VALUES (1);',
    };

    const error = await expectStoreError(
      openStore({ file, migrations: [...MIGRATIONS, broken] }).migrate(),
      'MIGRATION_FAILED',
    );
    expect(error.message).toContain(`Migration 2 (broken) failed on database ${file} and was rolled back`);
    expect(error.message).toContain('no such table: no_such_table');
    expect(tableExists(file, 'half_done')).toBe(false);
    expect(readMigrationRows(file).map((row) => row.version)).toEqual([1]);
  });

  it('rejects a migration list with a gap', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const skipped: Migration = { version: 3, name: 'skipped-two', sql: 'SELECT 1;' };
    const store = openStore({ file, migrations: [...MIGRATIONS, skipped] });

    await expect(store.migrate()).rejects.toThrow(
      'Migration list is out of order: expected version 2 at position 1, found 3 (skipped-two).',
    );
  });
});

describe('openSqliteStore', () => {
  it('puts the database in WAL mode', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    await openMigratedStore(file);

    // Bytes 18 and 19 of the SQLite header are the write and read format versions: 2 means WAL.
    const header = readFileSync(file).subarray(0, 20);
    expect(header[18]).toBe(2);
    expect(header[19]).toBe(2);
    const observer = new Database(file, { readonly: true });
    expect(observer.pragma('journal_mode', { simple: true })).toBe('wal');
    observer.close();
  });

  it('creates a missing parent directory', async () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'gateway.db');
    const store = await openMigratedStore(file);
    expect(await store.migrationState()).toEqual({ current: 1, latest: 1 });
  });

  it('rejects an in-memory database', () => {
    expect(() => openStore({ file: ':memory:' })).toThrow(
      expect.objectContaining({ code: 'DATABASE_OPEN_FAILED', message: expect.stringContaining('expected journal_mode "wal", got "memory"') }),
    );
  });

  it('rejects a file that is not SQLite', () => {
    const file = path.join(tempDir(), 'notes.txt');
    writeFileSync(file, 'plain text, long enough to fill a SQLite header and then some more bytes '.repeat(20));
    expect(() => openStore({ file })).toThrow(
      expect.objectContaining({ code: 'DATABASE_OPEN_FAILED', message: expect.stringContaining('file is not a database') }),
    );
  });

  it('rejects a negative busy timeout', () => {
    const file = path.join(tempDir(), 'gateway.db');
    expect(() => openStore({ file, busyTimeoutMs: -1 })).toThrow(
      expect.objectContaining({ code: 'DATABASE_OPEN_FAILED', message: expect.stringContaining('Invalid busyTimeoutMs -1') }),
    );
  });

  it('rejects data calls before migrate', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const store = openStore({ file });
    const error = await expectStoreError(store.insertGeneration(makeGeneration()), 'NOT_MIGRATED');
    expect(error.message).toContain('Await store.migrate() at startup.');
    await expectStoreError(store.checkWritable(), 'NOT_MIGRATED');
  });

  it('rejects calls after close', async () => {
    const file = path.join(tempDir(), 'gateway.db');
    const store = await openMigratedStore(file);
    await store.close();
    await store.close();
    await expectStoreError(store.getGeneration('gen_x'), 'STORE_CLOSED');
    await expectStoreError(store.migrate(), 'STORE_CLOSED');
    await expectStoreError(store.migrationState(), 'STORE_CLOSED');
  });
});
