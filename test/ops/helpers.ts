/**
 * Shared pieces of the operator tests: creating generations through the gateway and reading
 * samples out of the Prometheus text format.
 */
import { expect } from 'vitest';

import { CREATE_MUTATION, type Role, type TestGateway } from '../support/gateway-harness.js';

/** Creates a generation and returns its id; fails the test on user errors. */
export async function createGeneration(t: TestGateway, endpoint: string, inputs: Record<string, unknown>, role: Role = 'internal'): Promise<string> {
  const response = await t.gql(role, CREATE_MUTATION, { input: { endpoint, inputs } });
  expect(response.body.errors, response.text).toBeUndefined();
  const payload = response.body.data.createGeneration;
  expect(payload.userErrors, response.text).toEqual([]);
  return payload.generation.id as string;
}

/** Creates a generation, waits for its terminal state and returns it with the internal fields. */
export async function runGeneration(t: TestGateway, endpoint: string, inputs: Record<string, unknown>): Promise<any> {
  return t.waitForGeneration(await createGeneration(t, endpoint, inputs));
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the samples of a Prometheus text exposition, skipping comments. */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) {
      throw new Error(`Unparsable metrics line: ${line}`);
    }
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!;
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Returns the value of the sample with exactly these labels, or undefined when there is none. */
export function sampleValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return parseSamples(text).find((sample) => sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted)?.value;
}
