/**
 * Persistence of generations, artifacts and ratings (SQLite) and content-addressed blobs.
 */
export { StoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { GENERATION_STATUSES } from './types.js';
export type {
  ArtifactRecord,
  FinishedGenerationFilter,
  GenerationFilter,
  GenerationPage,
  GenerationRecord,
  GenerationStatus,
  GenerationStore,
  OwnerRole,
  PageRequest,
  RatingFilter,
  RatingRecord,
} from './types.js';
export { MAX_PAGE_SIZE, openSqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { DEFAULT_BUSY_TIMEOUT_MS } from './sqlite-database.js';
export { MIGRATIONS } from './migrations/index.js';
export type { Migration } from './migrations/index.js';
export { cursorFor } from './cursor.js';
export { newRecordId } from './ids.js';
export type { RecordIdPrefix } from './ids.js';
export { createBlobStore } from './blobs.js';
export { lockDataDir, LOCK_FILE_NAME, type DataDirLock } from './data-dir-lock.js';
export type { BlobStore, StoredBlob } from './blobs.js';
