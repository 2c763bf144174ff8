/**
 * Shared pieces of the generation tests: sample media as the strings a client sends, GraphQL
 * documents, and small helpers to create generations and wait on them over HTTP.
 */
import { createServer } from 'node:net';

import { expect } from 'vitest';

import { sampleGif, sampleJpeg, sampleMp4, samplePng, sampleWebp } from '../../src/emulator/samples/index.js';
import type { Role, TestGateway } from '../support/gateway-harness.js';
import { CREATE_MUTATION } from '../support/gateway-harness.js';

export const PNG = samplePng(16, 12);
export const PNG_BASE64 = PNG.toString('base64');
export const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`;
export const JPEG_BASE64 = sampleJpeg(16, 16).toString('base64');
export const WEBP_BASE64 = sampleWebp(16, 16).toString('base64');
export const MP4_BASE64 = sampleMp4().toString('base64');

/** A small GIF: a real image type that no endpoint accepts. */
export const GIF_BASE64 = sampleGif().toString('base64');

export const CREATE_WITH_KEY = /* GraphQL */ `
  mutation Create($input: CreateGenerationInput!) {
    createGeneration(input: $input) {
      generation { id status endpoint idempotencyKey appliedDefaults inputs }
      userErrors { field code message }
    }
  }
`;

export const CANCEL_MUTATION = /* GraphQL */ `
  mutation Cancel($id: ID!) {
    cancelGeneration(id: $id) {
      generation { id status statusReason finishedAt }
      userErrors { field code message }
    }
  }
`;

/** The generation fields a client role may query. */
export const CLIENT_GENERATION_QUERY = /* GraphQL */ `
  query ClientGeneration($id: ID!) {
    generation(id: $id) {
      id endpoint status statusReason createdAt startedAt finishedAt deadlineAt
      error { code message }
      artifacts { id mediaType byteSize width height sha256 url }
      cost { usd executionTimeSeconds gpuType }
    }
  }
`;

export interface UserErrorShape {
  field: string[];
  code: string;
  message: string;
}

export interface CreatePayload {
  generation: {
    id: string;
    status: string;
    endpoint: string;
    idempotencyKey?: string | null;
    appliedDefaults: Record<string, unknown>; inputs: Record<string, unknown> } | null;
  userErrors: UserErrorShape[];
}

/** Sends createGeneration and returns its payload; fails the test on a GraphQL-level error. */
export async function createGeneration(
  t: TestGateway,
  role: Role,
  endpoint: string,
  inputs: Record<string, unknown>,
  idempotencyKey?: string,
): Promise<CreatePayload> {
  const response = await t.gql(role, CREATE_MUTATION, { input: { endpoint, inputs, ...(idempotencyKey ? { idempotencyKey } : {}) } });
  expect(response.body.errors, response.text).toBeUndefined();
  return response.body.data.createGeneration as CreatePayload;
}

/** Creates a generation that must be accepted, and returns its id. */
export async function createAccepted(t: TestGateway, role: Role, endpoint: string, inputs: Record<string, unknown>): Promise<string> {
  const payload = await createGeneration(t, role, endpoint, inputs);
  expect(payload.userErrors).toEqual([]);
  expect(payload.generation).not.toBeNull();
  return payload.generation!.id;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `condition` returns true, polling every 20 ms, or throws after `timeoutMs`. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Returns the raw JSON body of the last POST the emulator received for `path`. */
export function lastPostBody(t: TestGateway, path: string): string {
  const posts = t.emulator.requests.filter((request) => request.method === 'POST' && request.path === path);
  const last = posts.at(-1);
  if (!last) {
    throw new Error(`the emulator received no POST for ${path}`);
  }
  return last.rawBody;
}
