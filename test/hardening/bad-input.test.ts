import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sampleJpeg, samplePng } from '../../src/emulator/samples/index.js';
import { CLIENT_KEY } from '../support/gateway-harness.js';
import { countStoredGenerations, CREATE, fluxPulidInputs, referenceDataUrl, startCapturedGateway, type CapturedGateway } from './helpers.js';

let gateway: CapturedGateway;

beforeAll(async () => {
  gateway = await startCapturedGateway();
});

afterAll(async () => {
  await gateway.close();
});

interface Rejection {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** Snapshots the stored generations and upstream POSTs, runs `send`, then checks that neither changed and the gateway still serves. */
async function expectNothingStored(send: () => Promise<Rejection>): Promise<Rejection> {
  const stored = await countStoredGenerations(gateway);
  const posts = gateway.emulator.countPosts();

  const response = await send();

  expect(await countStoredGenerations(gateway)).toBe(stored);
  expect(gateway.emulator.countPosts()).toBe(posts);
  const healthy = await gateway.gql('client', '{ capabilities { path } }');
  expect(healthy.status).toBe(200);
  expect(healthy.body.data.capabilities.length).toBeGreaterThan(0);
  return response;
}

/** Sends createGeneration on `/flux-pulid` with `overrides` and expects one user error on `field`. */
async function expectUserError(overrides: Record<string, unknown>, field: string, code: string, message: RegExp) {
  const response = await expectNothingStored(() =>
    gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs: fluxPulidInputs(overrides) } }),
  );

  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  const payload = response.body.data.createGeneration;
  expect(payload.generation).toBeNull();
  expect(payload.userErrors).toHaveLength(1);
  expect(payload.userErrors[0].field).toEqual(['inputs', field]);
  expect(payload.userErrors[0].code).toBe(code);
  expect(payload.userErrors[0].message).toContain(`"${field}"`);
  expect(payload.userErrors[0].message).toMatch(message);
}

/** Sends a raw JSON body, so values such as 1e400 reach the gateway as the client wrote them. */
function postRaw(body: string) {
  return gateway.raw({
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${CLIENT_KEY}` },
    body,
  });
}

describe('bad generation input', () => {
  it('rejects a 1 MB prompt', async () => {
    await expectUserError({ prompt: 'a'.repeat(1024 * 1024) }, 'prompt', 'OUT_OF_RANGE', /is 1048576 characters long; the maximum is 8000/);
  });

  it('rejects a lone surrogate in the prompt', async () => {
    await expectUserError({ prompt: `portrait \uD800 at dusk` }, 'prompt', 'INVALID_VALUE', /unpaired UTF-16 surrogate/);
  });

  it('rejects NUL in the prompt', async () => {
    await expectUserError({ prompt: 'portrait\u0000at dusk' }, 'prompt', 'INVALID_VALUE', /NUL character/);
  });

  it('rejects invalid base64', async () => {
    await expectUserError({ reference_image: 'data:image/png;base64,@@not base64@@' }, 'reference_image', 'INVALID_MEDIA', /base64/i);
  });

  it('rejects a data URL whose type disagrees with its bytes', async () => {
    const mislabelled = `data:image/jpeg;base64,${samplePng(64, 64).toString('base64')}`;
    await expectUserError(
      { reference_image: mislabelled },
      'reference_image',
      'INVALID_MEDIA',
      /declared as image\/jpeg but its bytes are image\/png/,
    );
  });

  it('rejects bytes that are no image', async () => {
    const text = `data:image/png;base64,${Buffer.from('just some text, no image').toString('base64')}`;
    await expectUserError({ reference_image: text }, 'reference_image', 'UNSUPPORTED_MEDIA_TYPE', /not a recognised image or video/);
  });

  it.each([0, -1, 1_000_000_000])('rejects width %s', async (width) => {
    await expectUserError({ width }, 'width', 'OUT_OF_RANGE', new RegExp(`must be from 64 to 2048; got ${width}\\.`));
  });

  it.each([
    ['"NaN"', 'NaN', /must be a whole number or a decimal string of digits; got "NaN"/],
    ['"Infinity"', 'Infinity', /must be a whole number or a decimal string of digits; got "Infinity"/],
    ['1.5', 1.5, /must be a whole number; got 1\.5/],
  ])('rejects width %s from variables', async (_label, width, message) => {
    await expectUserError({ width }, 'width', 'INVALID_VALUE', message);
  });

  it.each([
    ['"NaN"', 'NaN'],
    ['"-Infinity"', '-Infinity'],
  ])('rejects guidance %s from variables', async (_label, guidance) => {
    await expectUserError({ guidance }, 'guidance', 'INVALID_VALUE', /must be a finite number/);
  });

  it.each([
    ['-1', '-1', 'OUT_OF_RANGE', /must be from 0 to 18446744073709551615; got -1/],
    ['2^64', '18446744073709551616', 'OUT_OF_RANGE', /must be from 0 to 18446744073709551615; got 18446744073709551616/],
    ['2^53 + 1 as a JSON number', 9007199254740993, 'INVALID_VALUE', /beyond 2\^53 - 1/],
    ['a 40-digit string', '1'.repeat(40), 'INVALID_VALUE', /decimal string of digits/],
  ])('rejects seed %s', async (_label, seed, code, message) => {
    await expectUserError({ seed }, 'seed', code, message);
  });

  it.each([
    ['width', 'must be a whole number; got Infinity'],
    ['guidance', 'must be a finite number; got Infinity'],
  ])('rejects %s 1e400 as a GraphQL literal', async (field, message) => {
    const reference = JSON.stringify(referenceDataUrl());
    const query = `mutation { createGeneration(input: { endpoint: "/flux-pulid", inputs: { prompt: "x", reference_image: ${reference}, ${field}: 1e400 } }) {
      generation { id } userErrors { field code message } } }`;

    const response = await expectNothingStored(() => gateway.gql('client', query));

    const [error] = response.body.data.createGeneration.userErrors;
    expect(error.field).toEqual(['inputs', field]);
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toBe(`Input "${field}" ${message}.`);
  });

  it('rejects 1e400 in JSON variables', async () => {
    const inputs = JSON.stringify(fluxPulidInputs()).replace(/}$/, ', "guidance": 1e400}');
    const body = `{"query": ${JSON.stringify(CREATE)}, "variables": {"input": {"endpoint": "/flux-pulid", "inputs": ${inputs}}}}`;

    const response = await expectNothingStored(async () => {
      const raw = await postRaw(body);
      return { status: raw.status, body: JSON.parse(raw.text) };
    });

    expect(response.status).toBe(200);
    const [error] = response.body.data.createGeneration.userErrors;
    expect(error).toEqual({ field: ['inputs', 'guidance'], code: 'INVALID_VALUE', message: 'Input "guidance" must be a finite number; got Infinity.' });
  });

  it('rejects inputs that are not an object', async () => {
    const response = await expectNothingStored(() =>
      gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs: 'prompt=x' } }),
    );

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/^Variable "\$input" got invalid value "prompt=x" at "input\.inputs"/);
  });

  it('rejects an Int argument over 32 bits', async () => {
    const response = await expectNothingStored(() =>
      gateway.gql('client', '{ generations(first: 1000000000000) { nodes { id } } }'),
    );

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer value: 1000000000000/);
  });

  it('accepts emoji and RTL marks and sends them unchanged', async () => {
    const prompt = 'portrait \u202Bمرحبا\u202C \u200F 🦄 👩‍👩‍👧 at dusk';
    const before = gateway.emulator.requests.length;
    const response = await gateway.gql('client', CREATE, { input: { endpoint: '/flux-pulid', inputs: fluxPulidInputs({ prompt }) } });

    expect(response.body.data.createGeneration.userErrors).toEqual([]);
    const generation = await gateway.waitForGeneration(response.body.data.createGeneration.generation.id);
    expect(generation.status).toBe('SUCCEEDED');
    const posted = gateway.emulator.requests.slice(before).find((request) => request.method === 'POST');
    expect(JSON.parse(posted!.rawBody).prompt).toBe(prompt);
  });

  it('rejects a JPEG reference where the data URL says PNG', async () => {
    const mislabelled = `data:image/png;base64,${sampleJpeg(64, 64).toString('base64')}`;
    await expectUserError({ reference_image: mislabelled }, 'reference_image', 'INVALID_MEDIA', /declared as image\/png but its bytes are image\/jpeg/);
  });
});
