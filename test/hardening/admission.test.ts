import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Admission } from '../../src/generation/admission.js';
import { countStoredGenerations, CREATE, fluxPulidInputs, startCapturedGateway, type CapturedGateway } from './helpers.js';

function rejection(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a GraphQLError');
}

describe('Admission', () => {
  it('rate-limits with the time until a slot frees', () => {
    let now = 1_000_000;
    const admission = new Admission({ generationsPerMinute: 3, maxInFlightPerKey: 10 }, () => now);
    for (let index = 0; index < 3; index += 1) {
      admission.admit('key_a');
      admission.recordFinished('key_a');
      now += 10_000;
    }

    const error = rejection(() => admission.admit('key_a'));

    expect(error.extensions.code).toBe('RATE_LIMITED');
    // The first generation was 30 s ago, so it leaves the one-minute window in 30 s.
    expect(error.extensions.retryAfterSeconds).toBe(30);
    expect(error.message).toBe('This API key created 3 generations in the last minute; the limit is 3. Retry in 30 s.');
  });

  it('admits again once the window slides', () => {
    let now = 0;
    const admission = new Admission({ generationsPerMinute: 1, maxInFlightPerKey: 10 }, () => now);
    admission.admit('key_a');
    now = 60_000;

    expect(() => admission.admit('key_a')).not.toThrow();
  });

  it('caps generations in flight', () => {
    const admission = new Admission({ generationsPerMinute: 100, maxInFlightPerKey: 2 });
    admission.admit('key_a');
    admission.admit('key_a');

    const error = rejection(() => admission.admit('key_a'));

    expect(error.extensions.code).toBe('TOO_MANY_IN_FLIGHT');
    expect(error.extensions.retryAfterSeconds).toBe(5);
    expect(() => admission.admit('key_b')).not.toThrow();
    admission.recordFinished('key_a');
    expect(() => admission.admit('key_a')).not.toThrow();
  });

  it('release returns the slot once', () => {
    const admission = new Admission({ generationsPerMinute: 1, maxInFlightPerKey: 1 });
    const ticket = admission.admit('key_a');
    admission.admit('key_b');
    ticket.release();
    ticket.release();

    expect(() => admission.admit('key_a')).not.toThrow();
    expect(rejection(() => admission.admit('key_a')).extensions.code).toBe('RATE_LIMITED');
    expect(rejection(() => admission.admit('key_b')).extensions.code).toBe('RATE_LIMITED');
  });

  it('counts recovered generations as in flight', () => {
    const admission = new Admission({ generationsPerMinute: 100, maxInFlightPerKey: 1 });
    admission.recordRecovered('key_a');

    expect(rejection(() => admission.admit('key_a')).extensions.code).toBe('TOO_MANY_IN_FLIGHT');
  });
});

describe('generation limits over HTTP', () => {
  let gateway: CapturedGateway;

  beforeAll(async () => {
    gateway = await startCapturedGateway({ env: { GENERATIONS_PER_MINUTE: '3', MAX_IN_FLIGHT_PER_KEY: '2' } });
  });

  afterAll(async () => {
    await gateway.close();
  });

  const create = (role: 'client' | 'other', idempotencyKey?: string, prompt = 'a lighthouse at dusk') =>
    gateway.gql(role, CREATE, { input: { endpoint: '/flux-pulid', inputs: fluxPulidInputs({ prompt }), idempotencyKey } });

  it('admits two of five concurrent generations in flight', async () => {
    gateway.emulator.setFault('/flux-pulid', { jobMs: 800 });
    const before = await countStoredGenerations(gateway);

    const responses = await Promise.all([1, 2, 3, 4, 5].map((index) => create('other', undefined, `prompt ${index}`)));

    const created = responses.filter((response) => response.body.data?.createGeneration.generation);
    const refused = responses.filter((response) => response.body.errors?.[0]?.extensions?.code === 'TOO_MANY_IN_FLIGHT');
    expect(created).toHaveLength(2);
    expect(refused).toHaveLength(3);
    expect(await countStoredGenerations(gateway)).toBe(before + 2);
    for (const response of refused) {
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(5);
      expect(response.body.data).toBeNull();
    }

    for (const response of created) {
      await gateway.waitForGeneration(response.body.data.createGeneration.generation.id);
    }
    gateway.emulator.clearFaults();
  });

  it('frees in-flight slots when generations finish', async () => {
    // The concurrent test above left one generation of its per-minute three.
    const response = await create('other', undefined, 'after the others finished');

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.createGeneration.generation.status).toBe('QUEUED');
  });

  it('rate-limits the fourth generation in a minute', async () => {
    const ids: string[] = [];
    for (const key of ['first', 'second', 'third']) {
      const response = await create('client', key, `prompt ${key}`);
      expect(response.body.errors).toBeUndefined();
      ids.push(response.body.data.createGeneration.generation.id);
      await gateway.waitForGeneration(ids.at(-1)!);
    }
    const before = await countStoredGenerations(gateway);

    const fourth = await create('client', 'fourth', 'prompt fourth');

    expect(fourth.status).toBe(429);
    expect(fourth.body.data).toBeNull();
    const error = fourth.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    const seconds = error?.extensions?.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThanOrEqual(55);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(fourth.headers['retry-after']).toBe(String(seconds));
    expect(error?.message).toBe(`This API key created 3 generations in the last minute; the limit is 3. Retry in ${seconds} s.`);
    expect(await countStoredGenerations(gateway)).toBe(before);

    // An idempotent replay creates nothing, so the rate limit does not apply to it.
    const replay = await create('client', 'second', 'prompt second');
    expect(replay.status).toBe(200);
    expect(replay.body.errors).toBeUndefined();
    expect(replay.body.data.createGeneration.generation.id).toBe(ids[1]);
    expect(replay.headers['retry-after']).toBeUndefined();

    // Queries are not generations and stay available.
    for (let index = 0; index < 5; index += 1) {
      const query = await gateway.gql('client', '{ generations(first: 5) { nodes { id } } }');
      expect(query.status).toBe(200);
      expect(query.body.data.generations.nodes.length).toBe(3);
    }
    expect(await countStoredGenerations(gateway)).toBe(before);
  });
});
