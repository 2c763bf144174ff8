/**
 * Measures what one durable write costs on the file system that stores the gateway's data: an
 * SQLite commit in WAL mode with `synchronous = FULL` (the store's settings) and a plain
 * write plus fsync. Dispatch latency is read against these numbers.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { summarize, type SampleSummary } from './stats.js';

export interface DurableWriteCost {
  /** One INSERT committed in WAL mode with synchronous = FULL, in ms. */
  readonly sqliteCommit: SampleSummary;
  /** A 4 KiB append followed by fsync, in ms. */
  readonly fileFsync: SampleSummary;
}

/** Times `count` SQLite commits and `count` fsyncs in a temporary folder under `dir`. */
export function probeDurableWrites(dir: string, count = 100): DurableWriteCost {
  const folder = mkdtempSync(path.join(dir, 'disk-probe-'));
  try {
    const db = new Database(path.join(folder, 'probe.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO probe (body) VALUES (?)');
    const row = 'x'.repeat(1024);
    const commits: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const startedAt = performance.now();
      insert.run(row);
      commits.push(performance.now() - startedAt);
    }
    db.close();

    const fd = openSync(path.join(folder, 'probe.bin'), 'w');
    const block = Buffer.alloc(4096, 1);
    const syncs: number[] = [];
    for (let index = 0; index < count; index += 1) {
      writeSync(fd, block);
      const startedAt = performance.now();
      fsyncSync(fd);
      syncs.push(performance.now() - startedAt);
    }
    closeSync(fd);
    return { sqliteCommit: summarize(commits), fileFsync: summarize(syncs) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
