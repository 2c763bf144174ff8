/**
 * Content-addressed file storage for artifacts and input media. A blob's storage key is the
 * sha256 hex of its bytes, so storing the same bytes twice yields one file and one key.
 * Layout: `<dir>/<first two hex digits>/<sha256>`, with temporary files in `<dir>/tmp`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { StoreError, describeCause, quoteForMessage } from './errors.js';

/** Key, hash and size of a stored blob. */
export interface StoredBlob {
  /** sha256 hex of the bytes. */
  sha256: string;
  /** Key for get, openReadStream, has and delete; equal to `sha256`. */
  storageKey: string;
  byteSize: number;
}

export interface BlobStore {
  /**
   * Stores `bytes` durably: writes a temporary file, fsyncs it, renames it into place and
   * fsyncs the directory. Returns the existing key without writing when the bytes are stored.
   * Throws BLOB_WRITE_FAILED when the file system rejects a step.
   */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** Reads a blob and checks its hash. Throws INVALID_STORAGE_KEY, BLOB_NOT_FOUND or BLOB_CORRUPTED. */
  get(storageKey: string): Promise<Buffer>;
  /**
   * Returns a stream of a blob's bytes, without a hash check. Throws INVALID_STORAGE_KEY at
   * once. A missing file makes the stream emit a StoreError with code BLOB_NOT_FOUND.
   */
  openReadStream(storageKey: string): Readable;
  /** Returns whether a blob is stored under the key. Throws INVALID_STORAGE_KEY. */
  has(storageKey: string): Promise<boolean>;
  /** Deletes a blob; returns false when none was stored. Throws INVALID_STORAGE_KEY. */
  delete(storageKey: string): Promise<boolean>;
}

const STORAGE_KEY_PATTERN = /^[0-9a-f]{64}$/;

/** Creates a blob store under `dir`; directories are created on the first `put`. */
export function createBlobStore(options: { dir: string }): BlobStore {
  if (typeof options.dir !== 'string' || options.dir.trim() === '') {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `Invalid blob directory ${JSON.stringify(options.dir)}: expected a directory path such as "data/blobs".`,
    );
  }
  return new FileBlobStore(path.resolve(options.dir));
}

class FileBlobStore implements BlobStore {
  readonly #root: string;
  readonly #tempDir: string;

  constructor(root: string) {
    this.#root = root;
    this.#tempDir = path.join(root, 'tmp');
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    if (!(bytes instanceof Uint8Array)) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `Invalid blob content: expected a Buffer or Uint8Array, got ${typeof bytes}.`,
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored: StoredBlob = { sha256, storageKey: sha256, byteSize: bytes.byteLength };
    const finalPath = this.#pathOf(sha256);
    if (await isFile(finalPath)) {
      return stored;
    }
    // NOTE: a crash between write and rename leaves the temporary file behind; nothing removes it yet.
    const tempPath = path.join(this.#tempDir, `${sha256}.${randomUUID()}`);
    try {
      await mkdir(this.#tempDir, { recursive: true });
      await mkdir(path.dirname(finalPath), { recursive: true });
      await writeAndSync(tempPath, bytes);
      // rename is atomic, so readers see either no file or the complete one.
      await rename(tempPath, finalPath);
      await syncDirectory(path.dirname(finalPath));
    } catch (error) {
      await unlink(tempPath).catch(() => undefined);
      throw new StoreError(
        'BLOB_WRITE_FAILED',
        `Cannot store blob ${sha256} under ${this.#root}: ${describeCause(error)}. ` +
          'Check free disk space and that the directory is writable.',
        { cause: error },
      );
    }
    return stored;
  }

  async get(storageKey: string): Promise<Buffer> {
    const filePath = this.#pathOf(validateStorageKey(storageKey));
    let bytes: Buffer;
    try {
      bytes = await readFile(filePath);
    } catch (error) {
      throw this.#readError(storageKey, error);
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== storageKey) {
      throw new StoreError(
        'BLOB_CORRUPTED',
        `Blob ${storageKey} is corrupted: expected sha256 ${storageKey}, the file hashes to ${actual}. ` +
          'Restore the file from a backup or regenerate the artifact.',
      );
    }
    return bytes;
  }

  openReadStream(storageKey: string): Readable {
    const source = createReadStream(this.#pathOf(validateStorageKey(storageKey)));
    // The PassThrough lets the consumer see a StoreError instead of the raw ENOENT of the file.
    const output = new PassThrough();
    source.once('error', (error) => output.destroy(this.#readError(storageKey, error)));
    output.once('close', () => source.destroy());
    source.pipe(output);
    return output;
  }

  async has(storageKey: string): Promise<boolean> {
    return isFile(this.#pathOf(validateStorageKey(storageKey)));
  }

  async delete(storageKey: string): Promise<boolean> {
    const filePath = this.#pathOf(validateStorageKey(storageKey));
    try {
      await unlink(filePath);
      return true;
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) {
        return false;
      }
      throw error;
    }
  }

  #pathOf(storageKey: string): string {
    return path.join(this.#root, storageKey.slice(0, 2), storageKey);
  }

  #readError(storageKey: string, error: unknown): Error {
    if (hasErrorCode(error, 'ENOENT')) {
      return new StoreError(
        'BLOB_NOT_FOUND',
        `No blob is stored under key ${storageKey} in ${this.#root}. Use a storageKey returned by put().`,
        { cause: error },
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Returns the key unchanged; throws INVALID_STORAGE_KEY unless it is 64 lowercase hex digits. */
function validateStorageKey(storageKey: string): string {
  if (typeof storageKey !== 'string' || !STORAGE_KEY_PATTERN.test(storageKey)) {
    throw new StoreError(
      'INVALID_STORAGE_KEY',
      `Invalid storage key ${quoteForMessage(storageKey)}: expected 64 lowercase hex characters ` +
        '(the storageKey returned by put()).',
    );
  }
  return storageKey;
}

async function writeAndSync(filePath: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(filePath, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename in `directory` durable; Linux needs an fsync of the directory for that. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) {
      return false;
    }
    throw error;
  }
}

function hasErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
