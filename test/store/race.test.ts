/**
 * Two processes open a fresh database at once, migrate it and insert the same idempotency
 * keys. Separate processes give real lock contention, which one event loop cannot produce.
 * How the keys split between the workers varies from run to run, and the checks hold for any split.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { useStoreFixtures } from './helpers.js';
import { makeGeneration } from './records.js';

const { tempDir, openMigratedStore } = useStoreFixtures();

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(repoRoot, 'test/store/fixtures/insert-race.ts');
const KEY_COUNT = 60;

interface WorkerOutput {
  applied: number[];
  results: { key: string; id: string; created: boolean }[];
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the worker prints `line`. */
  printed: (line: 'opened' | 'migrated') => Promise<void>;
  output: Promise<WorkerOutput>;
}

function startWorker(file: string, name: string, keyCount = KEY_COUNT): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, file, name, String(keyCount)], {
    cwd: repoRoot,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const signals = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  for (const signal of ['opened', 'migrated']) {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    signals.set(signal, { promise, resolve });
  }
  const output = new Promise<WorkerOutput>((resolve, reject) => {
    let result: WorkerOutput | null = null;
    lines.on('line', (line) => {
      const signal = signals.get(line);
      if (signal !== undefined) {
        signal.resolve();
      } else {
        result = JSON.parse(line) as WorkerOutput;
      }
    });
    child.on('close', (code) => {
      if (code === 0 && result !== null) {
        resolve(result);
      } else {
        reject(new Error(`Worker ${name} exited with code ${String(code)}: ${stderr}`));
      }
    });
  });
  // A worker that dies early releases every wait, so the test fails on `output` instead of hanging.
  output.catch(() => {
    for (const signal of signals.values()) {
      signal.resolve();
    }
  });
  const printed = (line: 'opened' | 'migrated'): Promise<void> => signals.get(line)?.promise ?? Promise.resolve();
  return { child, printed, output };
}

it('creates one generation per key across two processes', async () => {
  const file = path.join(tempDir(), 'gateway.db');
  const workers = [startWorker(file, 'left'), startWorker(file, 'right')];
  await Promise.all(workers.map((worker) => worker.printed('opened')));
  for (const worker of workers) {
    worker.child.stdin.write('migrate\n');
  }
  await Promise.all(workers.map((worker) => worker.printed('migrated')));
  for (const worker of workers) {
    worker.child.stdin.end('insert\n');
  }
  const [left, right] = await Promise.all(workers.map((worker) => worker.output));
  if (left === undefined || right === undefined) {
    throw new Error('Both workers must report.');
  }

  expect([...left.applied, ...right.applied]).toEqual([1]);
  for (let index = 0; index < KEY_COUNT; index += 1) {
    const fromLeft = left.results[index];
    const fromRight = right.results[index];
    expect(fromLeft?.id).toBe(fromRight?.id);
    expect(Number(fromLeft?.created) + Number(fromRight?.created)).toBe(1);
  }

  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT idempotency_key AS key, count(*) AS n FROM generations GROUP BY idempotency_key').all();
  db.close();
  expect(rows).toHaveLength(KEY_COUNT);
  expect(rows.every((row) => (row as { n: number }).n === 1)).toBe(true);
});

it('waits for an uncommitted insert of the same key', async () => {
  const file = path.join(tempDir(), 'gateway.db');
  await (await openMigratedStore(file)).close();
  const worker = startWorker(file, 'waiting', 1);
  await worker.printed('opened');
  worker.child.stdin.write('migrate\n');
  await worker.printed('migrated');

  // This connection inserts key-0 and keeps its transaction open while the worker tries the same key.
  const holder = new Database(file);
  const row = makeGeneration({ id: 'gen_holder', idempotencyKey: 'key-0' });
  holder.exec('BEGIN IMMEDIATE');
  holder
    .prepare(
      `INSERT INTO generations (id, owner_id, owner_role, endpoint, app, status, inputs_json, applied_defaults_json,
         input_digest, idempotency_key, created_at, updated_at, deadline_at, upstream_posts, attempts, hops)
       VALUES (?, ?, ?, ?, ?, ?, '{}', '{}', ?, ?, ?, ?, ?, 0, 0, 0)`,
    )
    .run(row.id, row.ownerId, row.ownerRole, row.endpoint, row.app, row.status, row.inputDigest, row.idempotencyKey,
      row.createdAt.getTime(), row.updatedAt.getTime(), row.deadlineAt.getTime());
  worker.child.stdin.end('insert\n');
  await delay(300);
  holder.exec('COMMIT');
  holder.close();

  const output = await worker.output;
  expect(output.results).toEqual([{ key: 'key-0', id: 'gen_holder', created: false }]);
});
