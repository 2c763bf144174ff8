/**
 * /healthz and /readyz on a running gateway: no key needed, 200 or 503, and bodies that name no
 * endpoint, app or file. As root, an unwritable database is made with the immutable attribute
 * (`chattr +i`), because root ignores file modes; that test is skipped where chattr fails.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadCatalog } from '../../src/catalog/catalog.js';
import { createLogger } from '../../src/gateway.js';
import { checkReadiness } from '../../src/ops/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway-harness.js';

const catalog = loadCatalog();
const immutableSupported = probeImmutableAttribute();
const logLines: Record<string, unknown>[] = [];

let t: TestGateway;

/** Returns whether `chattr +i` works here and really stops a read-write open. */
function probeImmutableAttribute(): boolean {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ops-chattr-probe-'));
  const file = path.join(folder, 'probe');
  writeFileSync(file, 'probe');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  } catch {
    rmSync(folder, { recursive: true, force: true });
    return false;
  }
  let blocked = false;
  try {
    closeSync(openSync(file, 'r+'));
  } catch {
    blocked = true;
  }
  execFileSync('chattr', ['-i', file]);
  rmSync(folder, { recursive: true, force: true });
  return blocked;
}

function setImmutable(files: string[], immutable: boolean): void {
  execFileSync('chattr', [immutable ? '+i' : '-i', ...files.filter((file) => existsSync(file))]);
}

/** Fails the test when `text` names any endpoint path or app of the catalog. */
function expectNoCatalogNames(text: string): void {
  for (const endpoint of catalog.endpoints.keys()) {
    expect(text, `body names endpoint ${endpoint}`).not.toContain(endpoint);
  }
  for (const app of catalog.apps.keys()) {
    expect(text, `body names app ${app}`).not.toContain(app);
  }
}

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) });
  t = await startTestGateway({ gateway: { logger } });
});

function logMessages(check: string): string[] {
  return logLines.filter((line) => line.check === check).map((line) => String(line.msg));
}

afterAll(async () => {
  await t.close();
});

describe('/healthz', () => {
  it('returns 200 without a key', async () => {
    const response = await t.raw({ path: '/healthz' });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.text)).toEqual({ status: 'ok' });
  });

  it('rejects POST with 405 JSON', async () => {
    const response = await t.raw({ method: 'POST', path: '/healthz', body: '{}' });

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(response.text)).toEqual({ errors: [{ message: '/healthz is read with GET.', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
  });
});

describe('/readyz', () => {
  it('returns 200 with every check passing', async () => {
    const response = await t.raw({ path: '/readyz' });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      status: 'ready',
      checks: [
        { name: 'accepting', ok: true },
        { name: 'store', ok: true },
        { name: 'migrations', ok: true },
        { name: 'catalog', ok: true },
      ],
    });
    expectNoCatalogNames(response.text);
  });

  it('answers HEAD without a body', async () => {
    const response = await t.raw({ method: 'HEAD', path: '/readyz' });

    expect(response.status).toBe(200);
    expect(response.body.length).toBe(0);
  });

  it.skipIf(!immutableSupported)('returns 503 when the database is not writable', async () => {
    const file = path.join(t.dataDir, 'gateway.sqlite');
    // The -shm file stays writable: SQLite maps it into memory, and an immutable mapping faults the process.
    const files = [file, `${file}-wal`];
    expect(existsSync(`${file}-wal`)).toBe(true);

    setImmutable(files, true);
    let response;
    try {
      response = await t.raw({ path: '/readyz' });
      expect((await t.raw({ path: '/readyz' })).status).toBe(503);
    } finally {
      setImmutable(files, false);
    }

    expect(response.status).toBe(503);
    expect(JSON.parse(response.text)).toEqual({
      status: 'not_ready',
      checks: [
        { name: 'accepting', ok: true },
        { name: 'store', ok: false, reason: 'The database did not commit a test write; see the gateway log.' },
        { name: 'migrations', ok: true },
        { name: 'catalog', ok: true },
      ],
    });
    expect(response.text).not.toContain(t.dataDir);
    expectNoCatalogNames(response.text);

    expect((await t.raw({ path: '/readyz' })).status).toBe(200);
    // Two failed polls and one passing poll log one line each way.
    expect(logMessages('store')).toEqual(['readiness check failed: the store is not writable', 'readiness check passes again']);
    const failure = logLines.find((line) => line.check === 'store')!;
    expect((failure.err as { message: string }).message).toContain('is not writable');
  });
});

describe('checkReadiness', () => {
  it('fails while the gateway shuts down', async () => {
    const readiness = await checkReadiness({ store: t.gateway.services.store, catalog, isAccepting: () => false });

    expect(readiness.ready).toBe(false);
    expect(readiness.checks[0]).toEqual({ name: 'accepting', ok: false, reason: 'The gateway is shutting down.' });
    expect(readiness.checks.slice(1).every((check) => check.ok)).toBe(true);
    expect(readiness.failures).toEqual([{ check: 'accepting', message: 'readiness check failed: the gateway is shutting down', details: {} }]);
  });

  it('fails on a database without migrations', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ops-readiness-'));
    const store = openSqliteStore({ file: path.join(folder, 'gateway.sqlite') });
    try {
      const readiness = await checkReadiness({ store, catalog, isAccepting: () => true });

      expect(readiness.failures.map((failure) => failure.check)).toEqual(['store', 'migrations']);
      expect(readiness.failures[1]!.details).toEqual({ current: 0, latest: expect.any(Number) });
      expect({ ready: readiness.ready, checks: readiness.checks }).toEqual({
        ready: false,
        checks: [
          { name: 'accepting', ok: true },
          { name: 'store', ok: false, reason: 'The database did not commit a test write; see the gateway log.' },
          { name: 'migrations', ok: false, reason: 'The database schema version differs from this build; see the gateway log.' },
          { name: 'catalog', ok: true },
        ],
      });
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
