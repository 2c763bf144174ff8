/** Shared setup for emulator tests: the project catalog, request bodies and HTTP helpers. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { request } from 'undici';

import { catalogFileSchema, type CatalogFile, type EndpointFacts } from '../../src/catalog/schema.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { sampleMp4, samplePng, sampleWebm } from '../../src/emulator/samples/index.js';

const catalogPath = fileURLToPath(new URL('../../catalog/catalog.json', import.meta.url));

export const catalog: CatalogFile = catalogFileSchema.parse(JSON.parse(readFileSync(catalogPath, 'utf8')));

export function endpointAt(path: string): EndpointFacts {
  const endpoint = catalog.endpoints.find((candidate) => candidate.path === path);
  if (endpoint === undefined) {
    throw new Error(`test setup: no catalog endpoint at ${path}`);
  }
  return endpoint;
}

/** Starts an emulator with short timings unless the test overrides them. */
export function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ catalog, requestCapMs: 100, jobMs: 10, ...options });
}

/**
 * Builds a body with every required input filled, media encoded the way the endpoint wants it, a
 * LoRA named where one is needed, and small sizes so tests stay fast.
 */
export function minimalBody(endpoint: EndpointFacts): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const png = samplePng(64, 48);

  for (const input of endpoint.inputs) {
    if (input.type === 'media') {
      const bytes = input.media === 'IMAGE' ? png : sampleMp4();
      const mediaType = input.media === 'IMAGE' ? 'image/png' : 'video/mp4';
      body[input.name] =
        input.encoding === 'DATA_URL' ? `data:${mediaType};base64,${bytes.toString('base64')}` : bytes.toString('base64');
    } else if (input.type === 'media_list') {
      body[input.name] = [sampleWebm().toString('base64')];
    } else if (input.required) {
      body[input.name] = 'a portrait in soft light';
    }
  }

  if (endpoint.inputs.some((input) => input.name === 'width')) {
    body['width'] = 96;
    body['height'] = 64;
  }
  if (endpoint.inputs.some((input) => input.name === 'length')) {
    body['length'] = 3;
  }
  if (endpoint.inputs.some((input) => input.role === 'lora')) {
    body['lora_name'] = 'character-demo';
  }
  return body;
}

/** POSTs JSON (an object, or raw text sent as is) without following redirects. */
export function postJson(emulator: Emulator, path: string, body: unknown, timeouts: { headersTimeout?: number; bodyTimeout?: number } = {}) {
  return request(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...timeouts,
  });
}

export function get(url: string) {
  return request(url, { method: 'GET' });
}
