/**
 * Durability across a real process restart: the gateway runs as a child process
 * (`node --import tsx src/main.ts`) against an emulator in this process, is killed or stopped,
 * and is started again on the same data folder. Nothing that may have started a GPU job is
 * ever POSTed twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { loadCatalog } from '../../src/catalog/catalog.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { CLIENT_KEY, CREATE_MUTATION, GENERATION_QUERY, INTERNAL_KEY, OTHER_CLIENT_KEY, REPO_ROOT } from '../support/gateway-harness.js';
import { PNG_BASE64, freePort, waitUntil } from './helpers.js';

const STARTUP_TIMEOUT_MS = 20_000;

interface GatewayProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

let emulator: Emulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ catalog: loadCatalog().file, requestCapMs: 150, jobMs: 20 });
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
  emulator.clearFaults();
});

afterAll(async () => {
  await emulator.close();
});

/** Spawns the gateway on a free port with `dataDir`, and resolves once it serves GraphQL requests. */
async function spawnGateway(dataDir: string): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      GATEWAY_API_KEYS: `client:${CLIENT_KEY},client:${OTHER_CLIENT_KEY},internal:${INTERNAL_KEY}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      MODAL_ORIGIN_OVERRIDE: emulator.url,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);

  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the gateway exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    if (Date.now() - started > STARTUP_TIMEOUT_MS) {
      throw new Error(`the gateway was not ready within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
    }
    try {
      const response = await post(url, INTERNAL_KEY, '{ __typename }');
      if (response.status === 200) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url, exited, output: () => output };
}

async function post(url: string, key: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any; text: string }> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: JSON.parse(text), text };
}

async function create(gateway: GatewayProcess, endpoint: string, inputs: Record<string, unknown>): Promise<string> {
  const response = await post(gateway.url, CLIENT_KEY, CREATE_MUTATION, { input: { endpoint, inputs } });
  expect(response.body.data.createGeneration.userErrors, response.text).toEqual([]);
  return response.body.data.createGeneration.generation.id as string;
}

async function readGeneration(gateway: GatewayProcess, id: string): Promise<any> {
  const response = await post(gateway.url, INTERNAL_KEY, GENERATION_QUERY, { id });
  return response.body.data.generation;
}

async function waitForGeneration(gateway: GatewayProcess, id: string, done: (generation: any) => boolean, what: string): Promise<any> {
  let latest: any;
  await waitUntil(
    `${what} (last seen: ${JSON.stringify(latest?.status)})`,
    async () => {
      latest = await readGeneration(gateway, id);
      return done(latest);
    },
    15_000,
  );
  return latest;
}

function isTerminal(generation: { status: string }): boolean {
  return ['SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT'].includes(generation.status);
}

function newDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'gateway-restart-'));
}

describe('gateway restart', () => {
  it('resumes an accepted generation after SIGKILL', async () => {
    emulator.setFault('/seedvr2', { jobMs: 2500 });
    const postsBefore = emulator.countPosts('/seedvr2');
    const jobsBefore = emulator.jobs.length;
    const dataDir = newDataDir();
    const first = await spawnGateway(dataDir);
    const id = await create(first, '/seedvr2', { image: PNG_BASE64 });
    const accepted = await waitForGeneration(first, id, (generation) => generation.resultUrl !== null, 'the result URL to be stored');
    expect(accepted.status).toBe('RUNNING');

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await spawnGateway(dataDir);
    const done = await waitForGeneration(second, id, isTerminal, 'the resumed generation to end');
    expect(done.status, second.output()).toBe('SUCCEEDED');
    expect(done.artifacts).toHaveLength(1);
    expect(done.artifacts[0].mediaType).toBe('image/png');
    expect(emulator.countPosts('/seedvr2') - postsBefore).toBe(1);
    expect(emulator.jobs.length - jobsBefore).toBe(1);
  });

  it('fails an unaccepted generation after SIGKILL', async () => {
    // The POST gets no response headers for 10 s, so the gateway has no result URL when it dies.
    emulator.setFault('/qwen-image-edit-2511', { stallHeadersMs: 10_000 });
    const postsBefore = emulator.countPosts('/qwen-image-edit-2511');
    const dataDir = newDataDir();
    const first = await spawnGateway(dataDir);
    const id = await create(first, '/qwen-image-edit-2511', { source_image: PNG_BASE64, instruction: 'add a hat' });
    await waitUntil('the POST to reach the emulator', () => emulator.countPosts('/qwen-image-edit-2511') === postsBefore + 1);
    const running = await readGeneration(first, id);
    expect(running.status).toBe('RUNNING');
    expect(running.resultUrl).toBeNull();

    first.child.kill('SIGKILL');
    await first.exited;
    emulator.clearFaults('/qwen-image-edit-2511');

    const second = await spawnGateway(dataDir);
    const done = await readGeneration(second, id);
    expect(done.status).toBe('FAILED');
    expect(done.error.code).toBe('INTERRUPTED');
    expect(done.statusReason).toMatch(/^Interrupted before Modal accepted the request/);
    expect(done.finishedAt).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emulator.countPosts('/qwen-image-edit-2511') - postsBefore).toBe(1);
  });

  it('drains on SIGTERM and resumes after restart', async () => {
    emulator.setFault('/seedvr2', { jobMs: 5000 });
    // The emulator sends this POST's 303 only after 1.2 s, and shutdown must wait for it.
    emulator.setFault('/flux-pulid', { jobMs: 5000, stallHeadersMs: 1200 });
    const upscalePostsBefore = emulator.countPosts('/seedvr2');
    const portraitPostsBefore = emulator.countPosts('/flux-pulid');
    const dataDir = newDataDir();
    const first = await spawnGateway(dataDir);
    const upscale = await create(first, '/seedvr2', { image: PNG_BASE64 });
    await waitForGeneration(first, upscale, (generation) => generation.resultUrl !== null, 'the upscale result URL');
    const portrait = await create(first, '/flux-pulid', { prompt: 'portrait', reference_image: PNG_BASE64 });
    await waitUntil('the portrait POST to reach the emulator', () => emulator.countPosts('/flux-pulid') === portraitPostsBefore + 1);

    const stoppingAt = Date.now();
    first.child.kill('SIGTERM');
    await waitUntil('the gateway to log that it is stopping', () => first.output().includes('stopping: no new work is accepted'));
    const refused = await post(first.url, CLIENT_KEY, CREATE_MUTATION, { input: { endpoint: '/seedvr2', inputs: { image: PNG_BASE64 } } });
    expect(refused.status).toBe(503);
    expect(refused.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.body.data).toBeUndefined();

    const exit = await first.exited;
    expect(exit.code).toBe(0);
    // Shutdown waited for the portrait's result URL, but not for either job to finish.
    expect(Date.now() - stoppingAt).toBeLessThan(3500);

    const second = await spawnGateway(dataDir);
    const stored = await readGeneration(second, portrait);
    expect(stored.resultUrl).toMatch(/__modal_function_call_id=fc-/);
    const [upscaleDone, portraitDone] = await Promise.all([
      waitForGeneration(second, upscale, isTerminal, 'the upscale to end'),
      waitForGeneration(second, portrait, isTerminal, 'the portrait to end'),
    ]);
    expect(upscaleDone.status, second.output()).toBe('SUCCEEDED');
    expect(portraitDone.status, second.output()).toBe('SUCCEEDED');
    // The refused request never reached the dispatcher, so each generation has exactly one POST.
    expect(emulator.countPosts('/seedvr2') - upscalePostsBefore).toBe(1);
    expect(emulator.countPosts('/flux-pulid') - portraitPostsBefore).toBe(1);
  });
});
