/** GraphQL calls that the generation benchmarks send to a gateway. */
import { request, type Dispatcher } from 'undici';

import { BENCH_CLIENT_KEY } from './gateway-env.js';

export const CREATE_GENERATION = `mutation Create($input: CreateGenerationInput!) {
  createGeneration(input: $input) {
    generation { id status }
    userErrors { field code message }
  }
}`;

/** Inputs for /flux-dev-lora with a small output, so rendering and storing it costs little. */
export const SMALL_LORA_INPUTS = { prompt: 'a portrait for the benchmark', width: 64, height: 64, lora_name: 'bench-character' };

/**
 * Sends `createGeneration` and returns the new generation's id.
 *
 * @throws Error when the gateway responds with an HTTP error, GraphQL errors or user errors.
 */
export async function createGeneration(
  graphqlUrl: string,
  endpoint: string,
  inputs: Record<string, unknown>,
  dispatcher?: Dispatcher,
): Promise<string> {
  const response = await request(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_CLIENT_KEY}` },
    body: JSON.stringify({ query: CREATE_GENERATION, variables: { input: { endpoint, inputs } } }),
    ...(dispatcher ? { dispatcher } : {}),
  });
  const text = await response.body.text();
  const parsed = JSON.parse(text) as {
    data?: { createGeneration?: { generation: { id: string } | null; userErrors: unknown[] } };
    errors?: unknown[];
  };
  const payload = parsed.data?.createGeneration;
  if (response.statusCode !== 200 || parsed.errors || !payload?.generation || payload.userErrors.length > 0) {
    throw new Error(`createGeneration on ${endpoint} failed with HTTP ${response.statusCode}: ${text.slice(0, 500)}`);
  }
  return payload.generation.id;
}
