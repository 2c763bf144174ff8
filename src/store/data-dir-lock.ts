/**
 * An exclusive lock on the data folder, held by one gateway process at a time. Two processes on
 * one folder would each treat the other's RUNNING generations as interrupted at start and end
 * them FAILED, throwing away paid results, so the second process must not start at all.
 *
 * The lock is a file created with O_EXCL that contains the owner's process id. A lock left by a
 * process that no longer exists (after SIGKILL or a crash) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

import { StoreError } from './errors.js';

export const LOCK_FILE_NAME = 'gateway.lock';

/** A held lock; `release` removes the file if this process still owns it. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Takes the lock on `dataDir`.
 *
 * @throws StoreError DATA_DIR_LOCKED when a live process owns it.
 */
export function lockDataDir(dataDir: string, pid: number = process.pid): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return {
        file,
        release() {
          if (readOwner(file) === pid) {
            rmSync(file, { force: true });
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const owner = readOwner(file);
      if (owner !== null && owner !== pid && isAlive(owner)) {
        throw new StoreError(
          'DATA_DIR_LOCKED',
          `Another gateway process (pid ${owner}) is using the data folder ${dataDir}. Stop it, or set DATA_DIR to a different folder; two processes on one folder would fail each other's running generations.`,
        );
      }
      // The owner is gone (or the file is unreadable): remove the stale lock and try once more.
      rmSync(file, { force: true });
    }
  }
  throw new StoreError('DATA_DIR_LOCKED', `Could not take the lock ${file}; remove it if no gateway is running.`);
}

function readOwner(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
