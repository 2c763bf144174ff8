import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { LOCK_FILE_NAME, lockDataDir, StoreError } from '../../src/store/index.js';
import { startTestGateway } from '../support/gateway-harness.js';

function freshDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'lock-'));
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('data folder lock', () => {
  it('writes the owner pid and removes the file on release', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);

    expect(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('rejects a folder held by a live process', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);

    let caught: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('DATA_DIR_LOCKED');
    expect((caught as StoreError).message).toContain(`pid ${process.ppid}`);
    expect((caught as StoreError).message).toContain('DATA_DIR');
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), `${await deadPid()}\n`);

    const lock = lockDataDir(dir);
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('keeps a second gateway off a used folder', async () => {
    const first = await startTestGateway();
    try {
      // A second gateway in this process would hold the same pid, so the check runs the lock
      // call that a second process would make, with another pid.
      let caught: unknown;
      try {
        lockDataDir(first.dataDir, process.pid + 1_000_000);
      } catch (error) {
        caught = error;
      }
      expect((caught as StoreError | undefined)?.code).toBe('DATA_DIR_LOCKED');
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(first.dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
