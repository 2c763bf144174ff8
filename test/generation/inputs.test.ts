/**
 * Input validation, call policy, reference media and seeds, over HTTP against the emulator.
 * Every rejected request must leave the emulator without a POST and the store without a record.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CREATE_MUTATION, keyFor, startTestGateway, type Role, type TestGateway } from '../support/gateway-harness.js';
import {
  GIF_BASE64,
  JPEG_BASE64,
  MP4_BASE64,
  PNG,
  PNG_BASE64,
  PNG_DATA_URL,
  WEBP_BASE64,
  createAccepted,
  createGeneration,
  lastPostBody,
  type UserErrorShape,
} from './helpers.js';
import { sampleJpeg } from '../../src/emulator/samples/index.js';

const GENEROUS_LIMITS = { GENERATIONS_PER_MINUTE: '1000', MAX_IN_FLIGHT_PER_KEY: '100' };
const SMALL_MEDIA_LIMIT = 2048;

let t: TestGateway;
let small: TestGateway;

beforeAll(async () => {
  [t, small] = await Promise.all([
    startTestGateway({ env: GENEROUS_LIMITS }),
    startTestGateway({ env: { ...GENEROUS_LIMITS, MAX_IMAGE_BYTES: String(SMALL_MEDIA_LIMIT), MAX_VIDEO_BYTES: String(SMALL_MEDIA_LIMIT) } }),
  ]);
});

afterAll(async () => {
  await Promise.all([t.close(), small.close()]);
});

function countFiles(dir: string): number {
  if (!existsSync(dir)) {
    return 0;
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

async function countStoredGenerations(gateway: TestGateway): Promise<number> {
  const response = await gateway.gql('internal', 'query { generations(first: 100) { nodes { id } } }');
  return response.body.data.generations.nodes.length;
}

/**
 * Sends a request that must be rejected with exactly `expected`, and checks that it reached
 * neither the emulator nor the store.
 */
async function expectRejected(
  role: Role,
  endpoint: string,
  inputs: Record<string, unknown>,
  expected: UserErrorShape[],
  gateway: TestGateway = t,
): Promise<void> {
  const postsBefore = gateway.emulator.countPosts();
  const storedBefore = await countStoredGenerations(gateway);
  const blobsBefore = countFiles(path.join(gateway.dataDir, 'blobs'));

  const payload = await createGeneration(gateway, role, endpoint, inputs);

  expect(payload.userErrors).toEqual(expected);
  expect(payload.generation).toBeNull();
  expect(gateway.emulator.countPosts()).toBe(postsBefore);
  expect(await countStoredGenerations(gateway)).toBe(storedBefore);
  expect(countFiles(path.join(gateway.dataDir, 'blobs'))).toBe(blobsBefore);
}

const PULID = { prompt: 'a portrait in soft light', reference_image: PNG_BASE64 };

describe('input validation', () => {
  const cases: { name: string; endpoint: string; inputs: Record<string, unknown>; error: UserErrorShape }[] = [
    {
      name: 'a string of the wrong type',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, prompt: 42 },
      error: { field: ['inputs', 'prompt'], code: 'INVALID_VALUE', message: 'Input "prompt" must be a string; got 42.' },
    },
    {
      name: 'a string over maxLength',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, prompt: 'x'.repeat(8001) },
      error: { field: ['inputs', 'prompt'], code: 'OUT_OF_RANGE', message: 'Input "prompt" is 8001 characters long; the maximum is 8000.' },
    },
    {
      name: 'an integer below its minimum',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, width: 63 },
      error: { field: ['inputs', 'width'], code: 'OUT_OF_RANGE', message: 'Input "width" must be from 64 to 2048; got 63.' },
    },
    {
      name: 'an integer above its maximum',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, steps: 151 },
      error: { field: ['inputs', 'steps'], code: 'OUT_OF_RANGE', message: 'Input "steps" must be from 1 to 150; got 151.' },
    },
    {
      name: 'a fractional integer',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, height: 512.5 },
      error: { field: ['inputs', 'height'], code: 'INVALID_VALUE', message: 'Input "height" must be a whole number; got 512.5.' },
    },
    {
      name: 'an integer given as words',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, height: 'tall' },
      error: {
        field: ['inputs', 'height'],
        code: 'INVALID_VALUE',
        message: 'Input "height" must be a whole number or a decimal string of digits; got "tall".',
      },
    },
    {
      name: 'a number given as text',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, guidance: 'high' },
      error: { field: ['inputs', 'guidance'], code: 'INVALID_VALUE', message: 'Input "guidance" must be a finite number; got "high".' },
    },
    {
      name: 'a number above its maximum',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, end_at: 1.5 },
      error: { field: ['inputs', 'end_at'], code: 'OUT_OF_RANGE', message: 'Input "end_at" must be from 0 to 1; got 1.5.' },
    },
    {
      name: 'a value outside its enumeration',
      endpoint: '/sdxl-instantid',
      inputs: { ...PULID, sdxl_checkpoint: 'dreamshaper.safetensors' },
      error: {
        field: ['inputs', 'sdxl_checkpoint'],
        code: 'INVALID_VALUE',
        message:
          'Input "sdxl_checkpoint" must be one of sd_xl_base_1.0.safetensors, RealVisXL_V4.0.safetensors, Juggernaut-XL_v9_RunDiffusionPhoto_v2.safetensors, intorealism-xl.safetensors, sd_xl_turbo_1.0_fp16.safetensors, sdxl_lightning_4step.safetensors; got "dreamshaper.safetensors".',
      },
    },
    {
      name: 'a boolean given as text',
      endpoint: '/video-faceswap',
      inputs: { source_video: MP4_BASE64, reference_image: PNG_BASE64, restore_face: 'yes' },
      error: { field: ['inputs', 'restore_face'], code: 'INVALID_VALUE', message: 'Input "restore_face" must be true or false; got "yes".' },
    },
    {
      name: 'a missing required input',
      endpoint: '/flux-pulid',
      inputs: { reference_image: PNG_BASE64 },
      error: { field: ['inputs', 'prompt'], code: 'MISSING_INPUT', message: 'Input "prompt" is required by /flux-pulid.' },
    },
    {
      name: 'a required input sent as null',
      endpoint: '/seedvr2',
      inputs: { image: null },
      error: { field: ['inputs', 'image'], code: 'MISSING_INPUT', message: 'Input "image" is required by /seedvr2.' },
    },
    {
      name: 'an empty media list',
      endpoint: '/wan2.6-r2v',
      inputs: { prompt: 'a walk', reference_videos: [] },
      error: { field: ['inputs', 'reference_videos'], code: 'OUT_OF_RANGE', message: 'Input "reference_videos" takes 1 to 3 items; got 0.' },
    },
    {
      name: 'an unknown input, by name',
      endpoint: '/flux-pulid',
      inputs: { ...PULID, guidance_scale: 4 },
      error: {
        field: ['inputs', 'guidance_scale'],
        code: 'UNKNOWN_INPUT',
        message:
          'Unknown input "guidance_scale" for /flux-pulid. Accepted inputs: prompt, reference_image, width, height, steps, guidance, pulid_weight, start_at, end_at, seed.',
      },
    },
  ];

  it.each(cases)('rejects $name without an upstream call', async ({ endpoint, inputs, error }) => {
    await expectRejected('client', endpoint, inputs, [error]);
  });

  it('reports every invalid input of one request', async () => {
    await expectRejected('client', '/flux-pulid', { reference_image: PNG_BASE64, width: 10, colour: 'red' }, [
      {
        field: ['inputs', 'colour'],
        code: 'UNKNOWN_INPUT',
        message:
          'Unknown input "colour" for /flux-pulid. Accepted inputs: prompt, reference_image, width, height, steps, guidance, pulid_weight, start_at, end_at, seed.',
      },
      { field: ['inputs', 'prompt'], code: 'MISSING_INPUT', message: 'Input "prompt" is required by /flux-pulid.' },
      { field: ['inputs', 'width'], code: 'OUT_OF_RANGE', message: 'Input "width" must be from 64 to 2048; got 10.' },
    ]);
  });

  it('records defaults and sends only given inputs', async () => {
    const payload = await createGeneration(t, 'client', '/flux-pulid', { ...PULID, steps: 8 });
    expect(payload.userErrors).toEqual([]);
    expect(payload.generation!.appliedDefaults).toEqual({
      width: 1024,
      height: 1024,
      guidance: 3.5,
      pulid_weight: 0.9,
      start_at: 0,
      end_at: 1,
    });
    await t.waitForGeneration(payload.generation!.id);
    expect(Object.keys(JSON.parse(lastPostBody(t, '/flux-pulid')))).toEqual(['prompt', 'reference_image', 'steps']);

    const upscale = await createGeneration(t, 'client', '/seedvr2', { image: PNG_BASE64 });
    expect(upscale.generation!.appliedDefaults).toEqual({ resolution: 1080, seed: '4105349922', max_resolution: 4000, max_resolution_2: 4000 });
    await t.waitForGeneration(upscale.generation!.id);
  });
});

describe('call policy', () => {
  it('lets clients call reference endpoints', async () => {
    const id = await createAccepted(t, 'client', '/flux-pulid', PULID);
    expect((await t.waitForGeneration(id)).status).toBe('SUCCEEDED');
  });

  it('requires a LoRA from clients only', async () => {
    await expectRejected('client', '/flux-dev-lora', { prompt: 'a cat' }, [
      {
        field: ['inputs', 'lora_id'],
        code: 'MISSING_INPUT',
        message: 'Provide "lora_id" or "lora_name": this endpoint serves the app only with its LoRA input.',
      },
    ]);

    // A blank LoRA name selects no LoRA, so it does not make the call primary either.
    await expectRejected('client', '/flux-dev-lora', { prompt: 'a cat', lora_name: ' ', lora_id: '' }, [
      {
        field: ['inputs', 'lora_id'],
        code: 'MISSING_INPUT',
        message: 'Provide "lora_id" or "lora_name": this endpoint serves the app only with its LoRA input.',
      },
    ]);

    const withName = await createAccepted(t, 'client', '/flux-dev-lora', { prompt: 'a cat', lora_name: 'character-7' });
    const withId = await createAccepted(t, 'client', '/z-image-lora', { prompt: 'a cat', lora_id: '7' });
    const internal = await createAccepted(t, 'internal', '/flux-dev-lora', { prompt: 'a cat' });
    expect((await t.waitForGeneration(withName)).status).toBe('SUCCEEDED');
    expect((await t.waitForGeneration(withId)).status).toBe('SUCCEEDED');
    // The call is allowed; the endpoint itself then refuses a request without a LoRA.
    const refused = await t.waitForGeneration(internal);
    expect(refused.status).toBe('FAILED');
    expect(refused.error.upstreamStatus).toBe(400);
    expect(refused.error.upstreamDetail).toContain('Either lora_id or lora_name is required');
  });

  it('keeps supporting and deprioritised endpoints internal', async () => {
    for (const endpoint of ['/flux-dev', '/sdxl-lightning']) {
      await expectRejected('client', endpoint, { prompt: 'a lighthouse' }, [
        {
          field: ['endpoint'],
          code: 'ENDPOINT_NOT_FOUND',
          message: `No endpoint "${endpoint}" is available. Query "capabilities" for the endpoints you can call.`,
        },
      ]);
    }
    const ids = await Promise.all(['/flux-dev', '/sdxl-lightning'].map((endpoint) => createAccepted(t, 'internal', endpoint, { prompt: 'a lighthouse' })));
    for (const id of ids) {
      expect((await t.waitForGeneration(id)).status).toBe('SUCCEEDED');
    }
  });

  it('names a removed endpoint’s alternative', async () => {
    await expectRejected('internal', '/wan2', { prompt: 'waves' }, [
      {
        field: ['endpoint'],
        code: 'ENDPOINT_REMOVED',
        message: 'Endpoint "/wan2" was removed: The Wan 2.1 model is deprecated. Use "/wan2.6" instead.',
      },
    ]);
  });

  it('hides hidden, removed and unknown paths alike', async () => {
    const bodies: string[] = [];
    for (const endpoint of ['/flux-dev', '/sdxl-lightning', '/wan2', '/no-such-endpoint']) {
      const postsBefore = t.emulator.countPosts();
      const response = await t.gql('client', CREATE_MUTATION, { input: { endpoint, inputs: { prompt: 'waves' } } });
      expect(response.status).toBe(200);
      expect(t.emulator.countPosts()).toBe(postsBefore);
      bodies.push(response.text.replaceAll(endpoint, '<path>'));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).data.createGeneration.userErrors[0].code).toBe('ENDPOINT_NOT_FOUND');
  });
});

describe('reference media', () => {
  const DATA_URL_ENDPOINTS: [string, Record<string, unknown>][] = [
    ['/sdxl-instantid', { prompt: 'portrait' }],
    ['/flux-pulid', { prompt: 'portrait' }],
    ['/flux-ipadapter-faceid', { prompt: 'portrait' }],
  ];

  it.each(DATA_URL_ENDPOINTS)('sends %s a data URL', async (endpoint, rest) => {
    for (const sent of [PNG_BASE64, PNG_DATA_URL]) {
      const id = await createAccepted(t, 'client', endpoint, { ...rest, reference_image: sent });
      expect((await t.waitForGeneration(id)).status).toBe('SUCCEEDED');
      expect(JSON.parse(lastPostBody(t, endpoint)).reference_image).toBe(PNG_DATA_URL);
    }
  });

  it('sends other endpoints plain base64', async () => {
    for (const sent of [PNG_BASE64, PNG_DATA_URL]) {
      const upscale = await createAccepted(t, 'client', '/seedvr2', { image: sent });
      const edit = await createAccepted(t, 'client', '/qwen-image-edit-2511', { source_image: sent, instruction: 'add a hat' });
      expect((await t.waitForGeneration(upscale)).status).toBe('SUCCEEDED');
      expect((await t.waitForGeneration(edit)).status).toBe('SUCCEEDED');
      expect(JSON.parse(lastPostBody(t, '/seedvr2')).image).toBe(PNG_BASE64);
      expect(JSON.parse(lastPostBody(t, '/qwen-image-edit-2511')).source_image).toBe(PNG_BASE64);
    }
  });

  it('labels data URLs with the detected type', async () => {
    for (const [base64, mediaType] of [
      [JPEG_BASE64, 'image/jpeg'],
      [WEBP_BASE64, 'image/webp'],
    ] as const) {
      const id = await createAccepted(t, 'client', '/flux-pulid', { ...PULID, reference_image: base64 });
      await t.waitForGeneration(id);
      expect(JSON.parse(lastPostBody(t, '/flux-pulid')).reference_image).toBe(`data:${mediaType};base64,${base64}`);
    }
  });

  it('rejects a mislabelled data URL', async () => {
    await expectRejected('client', '/flux-pulid', { ...PULID, reference_image: `data:image/jpeg;base64,${PNG_BASE64}` }, [
      {
        field: ['inputs', 'reference_image'],
        code: 'INVALID_MEDIA',
        message: 'Input "reference_image" is declared as image/jpeg but its bytes are image/png; fix the data URL\'s media type.',
      },
    ]);
  });

  it('rejects an unsupported media type', async () => {
    await expectRejected('client', '/flux-pulid', { ...PULID, reference_image: GIF_BASE64 }, [
      {
        field: ['inputs', 'reference_image'],
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Input "reference_image" is image/gif; accepted: image/png, image/jpeg, image/webp.',
      },
    ]);
    await expectRejected('client', '/video-faceswap', { source_video: PNG_BASE64, reference_image: PNG_BASE64 }, [
      { field: ['inputs', 'source_video'], code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Input "source_video" is image/png; accepted: video/mp4.' },
    ]);
  });

  it('rejects non-media bytes and malformed base64', async () => {
    await expectRejected('client', '/seedvr2', { image: Buffer.from('just some text here').toString('base64') }, [
      {
        field: ['inputs', 'image'],
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Input "image" is not a recognised image or video; accepted: image/png, image/jpeg, image/webp.',
      },
    ]);
    const malformed = await createGeneration(t, 'client', '/seedvr2', { image: 'not base64!' });
    expect(malformed.userErrors).toHaveLength(1);
    expect(malformed.userErrors[0]!.field).toEqual(['inputs', 'image']);
    expect(malformed.userErrors[0]!.code).toBe('INVALID_MEDIA');
  });

  it('rejects media over MAX_IMAGE_BYTES', async () => {
    // 2991 bytes of JPEG: over the limit by more than the base64 length check's slack.
    const large = sampleJpeg(400, 400);
    expect(large.length).toBeGreaterThan(SMALL_MEDIA_LIMIT + 256);
    await expectRejected('client', '/seedvr2', { image: large.toString('base64') }, [
      {
        field: ['inputs', 'image'],
        code: 'MEDIA_TOO_LARGE',
        message: `Input "image" decodes to more than the ${SMALL_MEDIA_LIMIT}-byte limit for image media.`,
      },
    ], small);

    // Just over the limit: caught after decoding, with the exact size.
    const justOver = Buffer.concat([PNG, Buffer.alloc(SMALL_MEDIA_LIMIT + 1 - PNG.length)]);
    await expectRejected('client', '/seedvr2', { image: justOver.toString('base64') }, [
      {
        field: ['inputs', 'image'],
        code: 'MEDIA_TOO_LARGE',
        message: `Input "image" is ${SMALL_MEDIA_LIMIT + 1} bytes; the limit for image media is ${SMALL_MEDIA_LIMIT} bytes.`,
      },
    ], small);

    const fits = await createAccepted(small, 'client', '/seedvr2', { image: PNG_BASE64 });
    expect((await small.waitForGeneration(fits)).status).toBe('SUCCEEDED');
  });

  it('answers an oversized body with 413 JSON', async () => {
    const limit = small.gateway.bodyLimitBytes;
    const body = JSON.stringify({ query: CREATE_MUTATION, variables: { input: { endpoint: '/seedvr2', inputs: { image: 'A'.repeat(limit) } } } });
    const postsBefore = small.emulator.countPosts();

    const response = await small.raw({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyFor('client')}` },
      body,
    });

    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const parsed = JSON.parse(response.text);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(parsed.errors[0].message).toContain(`exceeds the limit of ${limit} bytes`);
    expect(small.emulator.countPosts()).toBe(postsBefore);
  });
});

describe('seeds', () => {
  const exact = [
    ['0', 0],
    ['2^31', 2 ** 31],
    ['2^53 + 1 as a string', '9007199254740993'],
    ['2^64 - 1 as a string', '18446744073709551615'],
  ] as const;

  it.each(exact)('sends seed %s upstream digit for digit', async (_label, seed) => {
    const id = await createAccepted(t, 'client', '/seedvr2', { image: PNG_BASE64, seed });
    await t.waitForGeneration(id);
    const raw = t.emulator.requests.filter((request) => request.method === 'POST' && request.path === '/seedvr2').at(-1)!.rawBody;
    expect(raw).toContain(`"seed":${String(seed)}}`);

    const stored = await t.gql('client', 'query($id: ID!) { generation(id: $id) { inputs } }', { id });
    expect(stored.body.data.generation.inputs.seed).toBe(String(seed));
  });

  it.each([
    ['-1', -1, 'Input "seed" must be from 0 to 18446744073709551615; got -1.'],
    ['2^64', '18446744073709551616', 'Input "seed" must be from 0 to 18446744073709551615; got 18446744073709551616.'],
  ] as const)('rejects seed %s as OUT_OF_RANGE', async (_label, seed, message) => {
    await expectRejected('client', '/seedvr2', { image: PNG_BASE64, seed }, [{ field: ['inputs', 'seed'], code: 'OUT_OF_RANGE', message }]);
  });

  it('rejects 2^53 + 1 as a JSON number', async () => {
    const postsBefore = t.emulator.countPosts();
    // Written by hand: JSON.stringify would already have rounded the number.
    const body = `{"query":${JSON.stringify(CREATE_MUTATION)},"variables":{"input":{"endpoint":"/seedvr2","inputs":{"image":"${PNG_BASE64}","seed":9007199254740993}}}}`;
    const response = await t.raw({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyFor('client')}` },
      body,
    });
    const payload = JSON.parse(response.text).data.createGeneration;
    expect(payload.generation).toBeNull();
    expect(payload.userErrors).toEqual([
      {
        field: ['inputs', 'seed'],
        code: 'INVALID_VALUE',
        message: 'Input "seed" is beyond 2^53 - 1, where JSON numbers lose digits; send it as a decimal string, e.g. "seed": "18446744073709551615".',
      },
    ]);
    expect(t.emulator.countPosts()).toBe(postsBefore);
  });
});
