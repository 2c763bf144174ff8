import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { samplePng } from '../../src/emulator/samples/index.js';
import { createLogger } from '../../src/gateway.js';
import { GenerationFailureLog } from '../../src/server/failure-log.js';
import { CLIENT_KEY, INTERNAL_KEY } from '../support/gateway-harness.js';
import { CREATE, fluxPulidInputs, startCapturedGateway, type CapturedGateway, type LogLine } from './helpers.js';

describe('request logs', () => {
  let gateway: CapturedGateway;

  beforeAll(async () => {
    gateway = await startCapturedGateway({ level: 'trace' });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('carry the request id on every line', async () => {
    const store = gateway.gateway.services.store as unknown as Record<string, unknown>;
    const original = store.getGenerations;
    store.getGenerations = async () => {
      throw new Error('broken store');
    };
    const before = gateway.logLines().length;
    const broken = await gateway.gql('client', 'query Broken { generation(id: "gen_x") { id } }');
    const during = gateway.logLines().slice(before);
    store.getGenerations = original;

    expect(during.length).toBeGreaterThanOrEqual(2);
    for (const line of during) {
      expect(line.requestId, line.msg).toBe(broken.headers['x-request-id']);
    }
  });

  it('end with operation, role, duration and outcome', async () => {
    const ok = await gateway.gql('internal', 'query Paths { capabilities { path } }');
    const refused = await gateway.gql('client', 'query Bad { nope }');

    const finished = (requestId: unknown) =>
      gateway.logLines().find((line) => line.requestId === requestId && line.msg === 'request finished')!;
    expect(finished(ok.headers['x-request-id'])).toMatchObject({
      level: 30,
      operationName: 'Paths',
      role: 'internal',
      status: 200,
      outcome: 'success',
      route: '/graphql',
    });
    expect(typeof finished(ok.headers['x-request-id']).durationMs).toBe('number');
    expect(finished(refused.headers['x-request-id'])).toMatchObject({
      role: 'client',
      status: 400,
      outcome: 'error',
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
    });
  });

  it('never contain keys, prompts or base64 media', async () => {
    const prompt = 'SECRET-PROMPT-c0ffee a lighthouse at dusk';
    const base64 = samplePng(48, 48, [1, 2, 3]).toString('base64');
    const inputs = fluxPulidInputs({ prompt, reference_image: `data:image/png;base64,${base64}` });

    const created = await gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs } });
    await gateway.waitForGeneration(created.body.data.createGeneration.generation.id);
    // A rejected input, an upstream failure and a validation error, with the same values.
    await gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs: { ...inputs, width: 1 } } });
    gateway.emulator.setFault('/flux-pulid', { errorStatus: 500, errorShape: 'error_details_type', errorMessage: prompt });
    const failed = await gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs } });
    await gateway.waitForGeneration(failed.body.data.createGeneration.generation.id);
    gateway.emulator.clearFaults();
    await gateway.gql('client', `mutation { createGeneration(input: { endpoint: "/flux-pulid", inputs: { prompt: "${prompt}" } }) { nope } }`);

    const log = gateway.rawLog();
    expect(log).toContain('request finished');
    expect(log).toContain('generation finished');
    expect(log).not.toContain('SECRET-PROMPT');
    expect(log).not.toContain(CLIENT_KEY);
    expect(log).not.toContain(INTERNAL_KEY);
    expect(log).not.toContain(base64.slice(0, 40));
    expect(log).not.toContain(base64.slice(-40));
  });
});

describe('generation failure log', () => {
  it('summarises 20 failing generations in a few lines', async () => {
    const gateway = await startCapturedGateway({ env: { GENERATIONS_PER_MINUTE: '100', MAX_IN_FLIGHT_PER_KEY: '100' } });
    try {
      gateway.emulator.setFault('/seedvr2', { errorStatus: 400, errorMessage: 'resolution too large' });
      const image = samplePng(64, 64).toString('base64');
      const ids: string[] = [];
      for (let index = 0; index < 20; index += 1) {
        const response = await gateway.gql('client', CREATE, { input: { endpoint: '/seedvr2', inputs: { image, seed: index } } });
        ids.push(response.body.data.createGeneration.generation.id);
      }
      for (const id of ids) {
        expect((await gateway.waitForGeneration(id)).status).toBe('FAILED');
      }
      expect(gateway.emulator.countPosts('/seedvr2')).toBe(20);

      const failureLines = (): LogLine[] => gateway.logLines().filter((line) => line.component === 'failure-log');
      expect(failureLines()).toHaveLength(1);
      expect(failureLines()[0]).toMatchObject({ level: 40, endpoint: '/seedvr2', errorCode: 'UPSTREAM_ERROR', generationId: ids[0] });

      // A success ends the count with one line that states it.
      gateway.emulator.clearFaults();
      const recovered = await gateway.gql('client', CREATE, { input: { endpoint: '/seedvr2', inputs: { image } } });
      expect((await gateway.waitForGeneration(recovered.body.data.createGeneration.generation.id)).status).toBe('SUCCEEDED');

      const lines = failureLines();
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatchObject({ level: 30, endpoint: '/seedvr2', errorCode: 'UPSTREAM_ERROR', count: 19, total: 20 });
      expect(lines[1]!.msg).toBe('generation succeeded on /seedvr2 after 20 failures with UPSTREAM_ERROR');
      const warnings = gateway.logLines().filter((line) => line.level >= 40);
      expect(warnings.map((line) => line.component)).toEqual(['failure-log']);
    } finally {
      await gateway.close();
    }
  });
});

describe('GenerationFailureLog', () => {
  function capture() {
    const lines: LogLine[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
    return { lines, failureLog: new GenerationFailureLog({ logger, summaryIntervalMs: 60_000 }) };
  }

  const failure = (endpoint: string, errorCode: string | null, status: 'FAILED' | 'TIMED_OUT' = 'FAILED') => ({
    generationId: 'gen_1',
    ownerId: 'key_1',
    endpoint,
    app: 'ryla-flux',
    status,
    errorCode,
    durationMs: 10,
  });

  it('logs the first failure, then one summary per flush', () => {
    const { lines, failureLog } = capture();
    for (let index = 0; index < 20; index += 1) {
      failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    }
    failureLog.flush();
    failureLog.close();

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40, endpoint: '/flux', errorCode: 'UPSTREAM_ERROR' });
    expect(lines[1]).toMatchObject({ level: 40, count: 19, total: 20 });
    expect(lines[1]!.msg).toBe('generation failures repeated: 19 more with UPSTREAM_ERROR on /flux');
  });

  it('counts each endpoint and code apart', () => {
    const { lines, failureLog } = capture();
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    failureLog.record(failure('/flux', 'DEADLINE_EXCEEDED', 'TIMED_OUT'));
    failureLog.record(failure('/flux-dev', 'UPSTREAM_ERROR'));
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    failureLog.close();

    expect(lines.map((line) => [line.endpoint, line.errorCode, line.count ?? null])).toEqual([
      ['/flux', 'UPSTREAM_ERROR', null],
      ['/flux', 'DEADLINE_EXCEEDED', null],
      ['/flux-dev', 'UPSTREAM_ERROR', null],
      ['/flux', 'UPSTREAM_ERROR', 1],
    ]);
  });

  it('logs at once again after a quiet interval', () => {
    const { lines, failureLog } = capture();
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    failureLog.flush();
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    failureLog.close();

    expect(lines).toHaveLength(2);
    expect(lines[1]!.msg).toMatch(/^generation failed\. Further failures/);
  });

  it('summarises on its interval', async () => {
    const lines: LogLine[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
    const failureLog = new GenerationFailureLog({ logger, summaryIntervalMs: 20 });
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));
    failureLog.record(failure('/flux', 'UPSTREAM_ERROR'));

    await new Promise((resolve) => setTimeout(resolve, 100));
    failureLog.close();

    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ count: 2, total: 3 });
  });

  it('ignores canceled generations', () => {
    const { lines, failureLog } = capture();
    failureLog.record({ ...failure('/flux', null), status: 'CANCELED' });
    failureLog.close();

    expect(lines).toHaveLength(0);
  });
});
