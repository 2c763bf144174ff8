import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { request } from 'undici';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `src/emulator/main.ts` under tsx and collects its log lines. */
function startCli(environment: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    pending += text;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    lines.push(...complete.filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>));
  });
  return { child, lines };
}

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('emulator CLI', () => {
  it('listens on loopback, logs its URL and stops on SIGTERM', async () => {
    const { child, lines } = startCli({ EMULATOR_PORT: '0', EMULATOR_JOB_MS: '5' });
    try {
      const started = await waitFor(() => lines.find((line) => line['msg'] !== undefined), 15_000);
      const url = String(started['url']);

      const health = await request(`${url}/health`);

      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(started['endpoints']).toBe(21);
      expect(started['msg']).toBe(`Modal emulator listening on ${url}`);
      expect(await health.body.json()).toEqual({ status: 'healthy', app: 'emulator' });
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(lines.map((line) => line['msg'])).toContain('Modal emulator stopped');
    }
  });

  it('exits 1 with a message for a non-loopback host', async () => {
    const { child, lines } = startCli({ EMULATOR_HOST: '0.0.0.0', EMULATOR_PORT: '0' });

    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(lines[0]?.['msg']).toBe('Modal emulator failed to start');
    expect(JSON.stringify(lines[0]?.['err'])).toContain('expected a loopback address such as 127.0.0.1');
  });
});
