import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Emulator } from '../../src/emulator/index.js';
import { inspectMedia } from '../../src/media/index.js';
import { samplePng } from '../../src/emulator/samples/index.js';
import { catalog, endpointAt, get, minimalBody, postJson, startTestEmulator } from './harness.js';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});

afterEach(async () => {
  await emulator.close();
});

describe('emulator endpoints', () => {
  it('serves all 21 catalog endpoints', () => {
    expect(catalog.endpoints).toHaveLength(21);
  });

  for (const endpoint of catalog.endpoints) {
    it(`${endpoint.path} answers real ${endpoint.response.mediaType} labelled ${endpoint.response.declaredContentType}`, async () => {
      const response = await postJson(emulator, endpoint.path, minimalBody(endpoint));
      const bytes = Buffer.from(await response.body.arrayBuffer());

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(endpoint.response.declaredContentType);
      expect(Number(response.headers['content-length'])).toBe(bytes.length);
      const inspection = await inspectMedia(bytes);
      expect(inspection.mediaType).toBe(endpoint.response.mediaType);
      if (endpoint.inputs.some((input) => input.name === 'width')) {
        expect({ width: inspection.width, height: inspection.height }).toEqual({ width: 96, height: 64 });
      }
      for (const header of endpoint.response.costHeaders) {
        expect(response.headers[header.toLowerCase()], header).toBeTypeOf('string');
      }
    });
  }

  it('labels PNG bytes as image/jpeg on /flux-dev', async () => {
    const response = await postJson(emulator, '/flux-dev', { prompt: 'a cat', width: 128, height: 80 });
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(await inspectMedia(bytes)).toEqual({ mediaType: 'image/png', byteSize: bytes.length, width: 128, height: 80 });
  });

  it('sends cost headers with emulated values', async () => {
    const response = await postJson(emulator, '/flux-dev', { prompt: 'a cat', width: 64, height: 64 });
    await response.body.dump();

    expect(response.headers['x-gpu-type']).toBe('L40S');
    expect(response.headers['x-execution-time-sec']).toBe('0.01');
    expect(response.headers['x-cost-usd']).toMatch(/^\d+\.\d{6}$/);
  });

  it('omits cost headers when costHeaders is false', async () => {
    const quiet = await startTestEmulator({ costHeaders: false });
    try {
      const response = await postJson(quiet, '/flux-dev', { prompt: 'a cat', width: 64, height: 64 });
      await response.body.dump();

      expect(response.statusCode).toBe(200);
      expect(response.headers['x-cost-usd']).toBeUndefined();
      expect(response.headers['x-gpu-type']).toBeUndefined();
    } finally {
      await quiet.close();
    }
  });

  it('gives the same bytes for the same seed and others for another seed', async () => {
    const read = async (seed: number) => {
      const response = await postJson(emulator, '/flux', { prompt: 'a cat', width: 64, height: 64, seed });
      return Buffer.from(await response.body.arrayBuffer());
    };

    const first = await read(7);
    const again = await read(7);
    const other = await read(8);

    expect(again.equals(first)).toBe(true);
    expect(other.equals(first)).toBe(false);
  });

  it('emits one animated WebP frame per requested length', async () => {
    const response = await postJson(emulator, '/wan2.6', { prompt: 'waves', width: 80, height: 64, length: 5, fps: 10 });
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(response.statusCode).toBe(200);
    expect(response.headers['x-frames']).toBe('5');
    expect(bytes.toString('latin1').split('ANMF')).toHaveLength(6);
    expect(await inspectMedia(bytes)).toMatchObject({ mediaType: 'image/webp', width: 80, height: 64 });
  });

  it('scales the seedvr2 reference short side to resolution', async () => {
    const image = samplePng(64, 32).toString('base64');
    const response = await postJson(emulator, '/seedvr2', { image, resolution: 256 });
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(response.headers['content-type']).toBe('image/png');
    expect(await inspectMedia(bytes)).toMatchObject({ mediaType: 'image/png', width: 512, height: 256 });
  });

  it('keeps the source size for inpainting and answers real JPEG', async () => {
    const source = samplePng(72, 40).toString('base64');
    const response = await postJson(emulator, '/qwen-image-inpaint-2511', { source_image: source, mask_image: source, prompt: 'a hat' });
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(await inspectMedia(bytes)).toMatchObject({ mediaType: 'image/jpeg', width: 72, height: 40 });
  });

  it('sizes Qwen output from aspect_ratio', async () => {
    const response = await postJson(emulator, '/qwen-image-2512', { prompt: 'a hill', aspect_ratio: '16:9' });
    const bytes = Buffer.from(await response.body.arrayBuffer());

    expect(await inspectMedia(bytes)).toMatchObject({ width: 1664, height: 928 });
  });

  it('records the raw body exactly, keeping 64-bit seed digits', async () => {
    const raw = '{"prompt": "a cat", "width": 64, "height": 64, "seed": 18446744073709551615}';

    const response = await postJson(emulator, '/flux-dev', raw);
    await response.body.dump();

    expect(response.statusCode).toBe(200);
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({ method: 'POST', path: '/flux-dev', query: {}, rawBody: raw });
    expect(emulator.requests[0]?.headers['content-type']).toBe('application/json');
    expect(emulator.requests[0]?.receivedAt).toBeInstanceOf(Date);
  });

  it('records jobs and counts POSTs per path', async () => {
    await (await postJson(emulator, '/flux', { prompt: 'a' })).body.dump();
    await (await postJson(emulator, '/flux-dev', { prompt: 'b', width: 64, height: 64 })).body.dump();
    await (await postJson(emulator, '/flux-dev', { prompt: 'c', width: 64, height: 64 })).body.dump();

    expect(emulator.countPosts()).toBe(3);
    expect(emulator.countPosts('/flux-dev')).toBe(2);
    expect(emulator.jobs.map((job) => job.path)).toEqual(['/flux', '/flux-dev', '/flux-dev']);
    expect(emulator.jobs[0]).toMatchObject({ state: 'succeeded', redirects: 0, polls: 0, durationMs: 10 });
    expect(emulator.jobs[0]?.callId).toMatch(/^fc-[0-9A-Z]{26}$/);
  });
});

describe('emulator platform routes', () => {
  it('answers GET /health', async () => {
    const response = await get(`${emulator.url}/health`);

    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ status: 'healthy', app: 'emulator' });
  });

  it('lists configured LoRAs on GET /loras', async () => {
    const withLoras = await startTestEmulator({ loras: ['character-abc.safetensors'] });
    try {
      const response = await get(`${withLoras.url}/loras`);

      expect(await response.body.json()).toEqual({ loras: ['character-abc.safetensors'] });
    } finally {
      await withLoras.close();
    }
  });

  it('answers 404 Not Found for an unknown path', async () => {
    const response = await postJson(emulator, '/flux-schnell', { prompt: 'a' });

    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toEqual({ detail: 'Not Found' });
  });

  it('answers 405 for GET on an endpoint without a call id', async () => {
    const response = await get(`${emulator.url}/flux-dev`);

    expect(response.statusCode).toBe(405);
    expect(await response.body.json()).toEqual({ detail: 'Method Not Allowed' });
    expect(emulator.jobs).toHaveLength(0);
  });

  it('rejects a non-loopback host before binding', async () => {
    await expect(startTestEmulator({ host: '0.0.0.0' })).rejects.toThrow(/expected a loopback address/);
  });
});
