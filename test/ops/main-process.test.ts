/**
 * `npm start` as a child process: the configuration is logged once with no key or proxy
 * credential in it, and /healthz and /readyz are served without extra wiring.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../support/gateway-harness.js';

const CLIENT_KEY = 'main-test-client-key-0123456789';
const INTERNAL_KEY = 'main-test-internal-key-0123456789';
const PROXY_KEY = 'wk-main-test-proxy-key';
const PROXY_SECRET = 'ws-main-test-proxy-secret';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ops-main-'));
let child: ChildProcessWithoutNullStreams | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts src/main.ts and resolves with its log lines once it logs "gateway listening". */
function startMain(): Promise<{ lines: Record<string, unknown>[]; output: () => string }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      GATEWAY_API_KEYS: `client:${CLIENT_KEY},internal:${INTERNAL_KEY}`,
      MODAL_PROXY_KEY: PROXY_KEY,
      MODAL_PROXY_SECRET: PROXY_SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    },
  });
  let stdout = '';
  let stderr = '';
  const lines: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main.ts did not start within 20 s; stderr: ${stderr}`)), 20_000);
    child!.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child!.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const complete = stdout.split('\n').slice(lines.length, -1);
      for (const line of complete) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.msg === 'gateway listening') {
          clearTimeout(timer);
          resolve({ lines, output: () => stdout + stderr });
        }
      }
    });
    child!.on('exit', (code) => reject(new Error(`main.ts exited with ${code}; stderr: ${stderr}`)));
  });
}

describe('npm start', () => {
  it('logs a redacted configuration and serves health routes', async () => {
    const { lines, output } = await startMain();

    const configLines = lines.filter((line) => line.msg === 'configuration loaded');
    expect(configLines).toHaveLength(1);
    const config = configLines[0]!.config as Record<string, any>;
    expect(config.apiKeys).toEqual({ client: 1, internal: 1, generatedForThisRun: false });
    expect(config.modal.proxyAuth).toBe('[redacted]');
    for (const secret of [CLIENT_KEY, INTERNAL_KEY, PROXY_KEY, PROXY_SECRET]) {
      expect(output()).not.toContain(secret);
    }

    const url = lines.find((line) => line.msg === 'gateway listening')!.url as string;
    const healthz = await request(`${url}/healthz`);
    expect(healthz.statusCode).toBe(200);
    expect(await healthz.body.json()).toEqual({ status: 'ok' });
    const readyz = await request(`${url}/readyz`);
    expect(readyz.statusCode).toBe(200);
    expect(((await readyz.body.json()) as { status: string }).status).toBe('ready');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
