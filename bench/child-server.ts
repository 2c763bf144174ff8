/**
 * Runs a benchmark server in a child process (see `server-child.ts`) and talks to it over IPC:
 * start, measure between `mark` and `report`, count finished generations, stop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { ChildMessage, ChildReport, ChildSpec, MemorySnapshot, ParentMessage } from './child-protocol.js';

const CHILD_ENTRY = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const REPLY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const MARK_SETTLE_MS = 1000;

export interface ChildServerOptions {
  /** File that receives the child's stdout (the gateway's pino log); default discarded. */
  readonly logFile?: string;
  /** When set, the child writes a V8 CPU profile into this folder when it exits. */
  readonly cpuProfileDir?: string;
}

/** A server running in a child process. */
export interface ChildServer {
  /** The GraphQL URL. */
  readonly url: string;
  readonly pid: number;
  /** Generations finished so far, by status (gateway only). */
  readonly finished: ReadonlyMap<string, number>;
  /** Resolves once `count` generations have finished in total; rejects after `timeoutMs`. */
  waitForFinished(count: number, timeoutMs: number): Promise<void>;
  /**
   * Collects garbage, records the baseline and starts sampling. Resolves a second after the
   * collection, because V8 returns the pages it freed to the system in the background, and an
   * RSS read right away can be tens of MiB too high.
   */
  mark(): Promise<MemorySnapshot>;
  /** Stops sampling and returns what was measured since `mark`. */
  report(): Promise<ChildReport>;
  /** Writes a V8 heap snapshot to `file`; the child's event loop stops while it does. */
  writeHeapSnapshot(file: string): Promise<string>;
  /** Stops the server and waits for the process to exit, killing it after a timeout. */
  stop(): Promise<void>;
}

/**
 * Forks `server-child.ts` under tsx with `spec` and resolves when its server listens.
 *
 * @throws Error when the child fails to start, exits, or is not ready within a minute.
 */
export async function startChildServer(spec: ChildSpec, options: ChildServerOptions = {}): Promise<ChildServer> {
  const logFd = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  const execArgv = ['--import', 'tsx', '--expose-gc'];
  if (options.cpuProfileDir) {
    execArgv.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir);
  }
  const child = fork(CHILD_ENTRY, [JSON.stringify(spec)], {
    cwd: REPO_ROOT,
    execArgv,
    // Production mode, as deployed: graphql-js, for one, skips its development-only checks.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', logFd, 'inherit', 'ipc'],
  });
  if (typeof logFd === 'number') {
    closeSync(logFd);
  }

  const finished = new Map<string, number>();
  let finishedTotal = 0;
  const finishWaiters = new Set<() => void>();
  const replyWaiters = new Map<ChildMessage['type'], (message: ChildMessage) => void>();
  let exitError: Error | null = null;

  child.on('message', (message: ChildMessage) => {
    if (message.type === 'finished') {
      finished.set(message.status, (finished.get(message.status) ?? 0) + 1);
      finishedTotal += 1;
      for (const wake of finishWaiters) {
        wake();
      }
      return;
    }
    replyWaiters.get(message.type)?.(message);
    replyWaiters.delete(message.type);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitError = new Error(`the ${spec.kind} child process exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`);
      resolve();
    });
  });

  const ready = await awaitReply(child, replyWaiters, 'ready', START_TIMEOUT_MS, spec.kind, exited);
  if (ready.type !== 'ready') {
    throw new Error(`unexpected message ${ready.type}`);
  }

  const request = async <T extends ChildMessage['type']>(message: ParentMessage, reply: T): Promise<Extract<ChildMessage, { type: T }>> => {
    if (exitError) {
      throw exitError;
    }
    const replied = awaitReply(child, replyWaiters, reply, REPLY_TIMEOUT_MS, spec.kind, exited);
    child.send(message);
    return (await replied) as Extract<ChildMessage, { type: T }>;
  };

  return {
    url: ready.url,
    pid: child.pid!,
    finished,
    waitForFinished(count, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (finishedTotal >= count) {
            clearTimeout(timer);
            finishWaiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          finishWaiters.delete(check);
          reject(new Error(`${finishedTotal} of ${count} generations finished within ${timeoutMs} ms: ${JSON.stringify(Object.fromEntries(finished))}`));
        }, timeoutMs);
        finishWaiters.add(check);
        check();
      });
    },
    async mark() {
      const { baseline } = await request({ type: 'mark' }, 'marked');
      await new Promise((resolve) => setTimeout(resolve, MARK_SETTLE_MS));
      return baseline;
    },
    async report() {
      return (await request({ type: 'report' }, 'report')).report;
    },
    async writeHeapSnapshot(file) {
      return (await request({ type: 'heap-snapshot', file }, 'heap-snapshot-written')).file;
    },
    async stop() {
      if (!exitError) {
        child.send({ type: 'stop' } satisfies ParentMessage);
        const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(killTimer);
      }
    },
  };
}

function awaitReply(
  child: ChildProcess,
  waiters: Map<ChildMessage['type'], (message: ChildMessage) => void>,
  type: ChildMessage['type'],
  timeoutMs: number,
  kind: string,
  exited: Promise<void>,
): Promise<ChildMessage> {
  return new Promise<ChildMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(type);
      reject(new Error(`the ${kind} child sent no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const failed = (message: ChildMessage): void => {
      if (message.type === 'failed') {
        clearTimeout(timer);
        waiters.delete(type);
        reject(new Error(`the ${kind} child failed: ${message.message}`));
      }
    };
    waiters.set('failed', failed);
    waiters.set(type, (message) => {
      clearTimeout(timer);
      waiters.delete('failed');
      resolve(message);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the ${kind} child (pid ${child.pid ?? 'unknown'}) exited before sending "${type}"`));
    });
  });
}
