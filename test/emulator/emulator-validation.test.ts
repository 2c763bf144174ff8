import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Emulator } from '../../src/emulator/index.js';
import { sampleMp4, samplePng, sampleWebm } from '../../src/emulator/samples/index.js';
import { endpointAt, minimalBody, postJson, startTestEmulator } from './harness.js';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(async () => {
  await emulator.close();
});

const pngBase64 = samplePng(64, 64).toString('base64');

describe('emulator request validation', () => {
  it('answers 400 detail for a missing required field', async () => {
    const response = await postJson(emulator, '/flux-dev', { width: 64, height: 64 });

    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({ detail: 'Missing required field: prompt' });
    expect(emulator.jobs).toHaveLength(0);
  });

  it('treats an empty required string as missing', async () => {
    const response = await postJson(emulator, '/flux-dev', { prompt: '' });

    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({ detail: 'Missing required field: prompt' });
  });

  it('answers 422 json_invalid for malformed JSON', async () => {
    const response = await postJson(emulator, '/flux-dev', '{"prompt": "a cat",}');

    expect(response.statusCode).toBe(422);
    expect(await response.body.json()).toEqual({
      detail: [{ loc: ['body', 19], msg: 'JSON decode error', type: 'json_invalid' }],
    });
  });

  it('answers 422 dict_type for a JSON array body', async () => {
    const response = await postJson(emulator, '/flux-dev', '["a cat"]');

    expect(response.statusCode).toBe(422);
    expect(await response.body.json()).toEqual({
      detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
    });
  });

  it('answers 422 missing for an empty body', async () => {
    const response = await postJson(emulator, '/flux-dev', '');

    expect(response.statusCode).toBe(422);
    expect(await response.body.json()).toEqual({ detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] });
  });

  it('lists every wrongly typed or out-of-range field in one 422', async () => {
    const response = await postJson(emulator, '/flux-dev', { prompt: 42, width: 'wide', height: 4096, cfg: 'high', steps: 2.5 });

    expect(response.statusCode).toBe(422);
    expect(await response.body.json()).toEqual({
      detail: [
        { loc: ['body', 'prompt'], msg: 'Input should be a valid string', type: 'string_type' },
        { loc: ['body', 'width'], msg: 'Input should be a valid integer', type: 'int_type' },
        { loc: ['body', 'height'], msg: 'Input should be less than or equal to 2048', type: 'less_than_equal' },
        { loc: ['body', 'steps'], msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' },
        { loc: ['body', 'cfg'], msg: 'Input should be a valid number', type: 'float_type' },
      ],
    });
  });

  it('accepts numeric strings and the largest 64-bit seed like pydantic lax mode', async () => {
    const raw = '{"prompt": "a", "width": "64", "height": 64, "cfg": "1.5", "seed": 18446744073709551615}';

    const response = await postJson(emulator, '/flux-dev', raw);
    await response.body.dump();

    expect(response.statusCode).toBe(200);
  });

  it('answers 400 detail when a LoRA endpoint gets neither lora_id nor lora_name', async () => {
    const response = await postJson(emulator, '/flux-dev-lora', { prompt: 'a cat' });

    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({ detail: 'Either lora_id or lora_name is required' });
  });

  it('checks the LoRA before the prompt', async () => {
    const response = await postJson(emulator, '/z-image-lora', {});

    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({ detail: 'Either lora_id or lora_name is required' });
  });

  it('answers 404 detail for a LoRA file missing from the configured list', async () => {
    const withLoras = await startTestEmulator({ loras: ['wan-character-abc.safetensors'] });
    try {
      const missing = await postJson(withLoras, '/wan2.6-lora', { prompt: 'a', lora_name: 'other', width: 64, height: 64, length: 2 });
      const byId = await postJson(withLoras, '/wan2.6-lora', { prompt: 'a', lora_id: 'abc', width: 64, height: 64, length: 2 });
      await byId.body.dump();

      expect(missing.statusCode).toBe(404);
      expect(await missing.body.json()).toEqual({ detail: 'LoRA not found: other.safetensors' });
      expect(byId.statusCode).toBe(200);
      expect(byId.headers['x-lora']).toBe('wan-character-abc.safetensors');
    } finally {
      await withLoras.close();
    }
  });

  it('fails with 500 error/details/type when a data-URL endpoint gets bare base64', async () => {
    const response = await postJson(emulator, '/sdxl-instantid', { prompt: 'a', reference_image: pngBase64 });
    const body = (await response.body.json()) as Record<string, string>;

    expect(response.statusCode).toBe(500);
    expect(Object.keys(body).sort()).toEqual(['details', 'error', 'type']);
    expect(body['type']).toBe('FileNotFoundError');
    expect(body['error']).toMatch(/^LoadImage: reference_image is not a data URL/);
    expect(body['details']).toMatch(/^Traceback \(most recent call last\):/);
    expect(emulator.jobs).toHaveLength(0);
  });

  it('accepts a data URL on base64 endpoints', async () => {
    const response = await postJson(emulator, '/qwen-image-edit-2511', {
      source_image: `data:image/png;base64,${pngBase64}`,
      instruction: 'add a hat',
    });
    await response.body.dump();

    expect(response.statusCode).toBe(200);
  });

  it('fails with 500 when base64 is invalid', async () => {
    const response = await postJson(emulator, '/qwen-image-edit-2511', { source_image: 'notbase64!!!', instruction: 'a' });
    const body = (await response.body.json()) as Record<string, string>;

    expect(response.statusCode).toBe(500);
    expect(body['type']).toBe('binascii.Error');
    expect(body['error']).toBe(
      'source_image: expected only base64 characters (A-Z, a-z, 0-9, "+", "/", "="), but the base64 value has U+0021 at offset 9',
    );
  });

  it('fails with 500 UnidentifiedImageError when an image input holds video bytes', async () => {
    const response = await postJson(emulator, '/qwen-image-edit-2511', {
      source_image: sampleMp4().toString('base64'),
      instruction: 'a',
    });
    const body = (await response.body.json()) as Record<string, string>;

    expect(response.statusCode).toBe(500);
    expect(body['type']).toBe('UnidentifiedImageError');
  });

  it('fails with 500 ValueError for too many reference videos', async () => {
    const webm = sampleWebm().toString('base64');
    const body = { ...minimalBody(endpointAt('/wan2.6-r2v')), reference_videos: [webm, webm, webm, webm] };

    const response = await postJson(emulator, '/wan2.6-r2v', body);
    const json = (await response.body.json()) as Record<string, string>;

    expect(response.statusCode).toBe(500);
    expect(json['type']).toBe('ValueError');
    expect(json['error']).toBe('reference_videos must contain 1 to 3 items, got 4');
  });

  it('answers 413 for a body above maxBodyBytes', async () => {
    const small = await startTestEmulator({ maxBodyBytes: 1024 });
    try {
      const response = await postJson(small, '/flux-dev', { prompt: 'x'.repeat(2000) });

      expect(response.statusCode).toBe(413);
      expect(await response.body.text()).toBe('Request Entity Too Large');
    } finally {
      await small.close();
    }
  });
});
