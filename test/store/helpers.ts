/**
 * Temporary folders and stores for the store tests. afterEach closes the stores and removes
 * the folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import type { GenerationStore, SqliteStoreOptions } from '../../src/store/index.js';

/**
 * Returns helpers that create temporary folders and stores. afterEach closes the stores and
 * removes the folders.
 */
export function useStoreFixtures(): {
  tempDir: () => string;
  openStore: (options: SqliteStoreOptions) => GenerationStore;
  openMigratedStore: (file: string) => Promise<GenerationStore>;
} {
  const folders: string[] = [];
  const stores: GenerationStore[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) {
      await store.close();
    }
    for (const folder of folders.splice(0)) {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  const tempDir = (): string => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
    folders.push(folder);
    return folder;
  };
  const openStore = (options: SqliteStoreOptions): GenerationStore => {
    const store = openSqliteStore(options);
    stores.push(store);
    return store;
  };
  const openMigratedStore = async (file: string): Promise<GenerationStore> => {
    const store = openStore({ file });
    await store.migrate();
    return store;
  };
  return { tempDir, openStore, openMigratedStore };
}
