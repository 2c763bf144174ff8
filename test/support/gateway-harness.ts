/**
 * Starts a real gateway on 127.0.0.1 port 0 against a real Modal emulator, with a fresh SQLite
 * file in a temporary data folder, and offers small helpers to call it over HTTP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { request } from 'undici';

import { loadCatalog } from '../../src/catalog/catalog.js';
import { readConfig } from '../../src/config/config.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { createLogger, startGateway, type RunningGateway, type StartGatewayOptions } from '../../src/gateway.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED_WORKFLOWS_DIR = path.resolve(REPO_ROOT, '../shared/runcomfy/workflows');
export const SHARED_RUNCOMFY_CATALOG = path.resolve(REPO_ROOT, '../shared/runcomfy/runcomfy-workflow-catalog.json');

export const CLIENT_KEY = 'test-client-key-0123456789abcdef';
export const OTHER_CLIENT_KEY = 'test-other-client-key-0123456789';
export const INTERNAL_KEY = 'test-internal-key-0123456789abcdef';

export type Role = 'client' | 'other' | 'internal' | 'none';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: T; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
  text: string;
}

export interface TestGateway {
  readonly gateway: RunningGateway;
  readonly emulator: Emulator;
  readonly dataDir: string;
  readonly url: string;
  gql<T = any>(role: Role, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  raw(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; text: string }>;
  /** Polls a generation as the internal role until `done` returns true or `timeoutMs` passes. */
  waitForGeneration(id: string, done?: (generation: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

export function keyFor(role: Role): string | undefined {
  return { client: CLIENT_KEY, other: OTHER_CLIENT_KEY, internal: INTERNAL_KEY, none: undefined }[role];
}

/** Starts an emulator and a gateway wired to it. */
export async function startTestGateway(
  options: {
    env?: Record<string, string>;
    emulator?: Partial<EmulatorOptions>;
    dataDir?: string;
    gateway?: Partial<StartGatewayOptions>;
  } = {},
): Promise<TestGateway> {
  const catalog = loadCatalog();
  const emulator = await startEmulator({ catalog: catalog.file, requestCapMs: 200, jobMs: 20, ...options.emulator });
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gateway-test-'));
  const config = readConfig(
    {
      GATEWAY_API_KEYS: `client:${CLIENT_KEY},client:${OTHER_CLIENT_KEY},internal:${INTERNAL_KEY}`,
      PORT: '0',
      DATA_DIR: dataDir,
      MODAL_ORIGIN_OVERRIDE: emulator.url,
      WORKFLOWS_DIR: SHARED_WORKFLOWS_DIR,
      WORKFLOWS_CATALOG_PATH: SHARED_RUNCOMFY_CATALOG,
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    REPO_ROOT,
  );
  const gateway = await startGateway({
    config,
    catalog,
    logger: createLogger(config.logLevel),
    sweepIntervalMs: 200,
    shutdownGraceMs: 500,
    upstream: { retryBaseDelayMs: 20, stallTimeoutMs: 2000 },
    ...options.gateway,
  });

  const raw: TestGateway['raw'] = async ({ method = 'GET', path: target = '/graphql', headers = {}, body }) => {
    const response = await request(`${gateway.url}${target}`, { method: method as 'GET', headers, body });
    const buffer = Buffer.from(await response.body.arrayBuffer());
    return { status: response.statusCode, headers: response.headers, body: buffer, text: buffer.toString('utf8') };
  };

  const gql: TestGateway['gql'] = async (role, query, variables, headers = {}) => {
    const key = keyFor(role);
    const response = await raw({
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: JSON.parse(response.text), text: response.text };
  };

  const waitForGeneration: TestGateway['waitForGeneration'] = async (id, done = isTerminal, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await gql('internal', GENERATION_QUERY, { id });
      const generation = result.body.data?.generation;
      if (generation && done(generation)) {
        return generation;
      }
      if (Date.now() > deadline) {
        throw new Error(`generation ${id} did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(generation)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    gateway,
    emulator,
    dataDir,
    url: gateway.url,
    gql,
    raw,
    waitForGeneration,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

export function isTerminal(generation: { status: string }): boolean {
  return ['SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT'].includes(generation.status);
}

export const GENERATION_FIELDS = /* GraphQL */ `
  id endpoint status statusReason inputs appliedDefaults idempotencyKey createdAt startedAt finishedAt deadlineAt
  error { code message upstreamStatus upstreamDetail }
  artifacts { id mediaType byteSize width height sha256 url declaredContentType }
  cost { usd executionTimeSeconds gpuType }
  ownerId resultUrl upstreamPosts hops upstreamLatencyMs queueMs
`;

export const GENERATION_QUERY = /* GraphQL */ `
  query Generation($id: ID!) { generation(id: $id) { ${GENERATION_FIELDS} } }
`;

export const CREATE_MUTATION = /* GraphQL */ `
  mutation Create($input: CreateGenerationInput!) {
    createGeneration(input: $input) {
      generation { id status endpoint appliedDefaults inputs }
      userErrors { field code message }
    }
  }
`;
