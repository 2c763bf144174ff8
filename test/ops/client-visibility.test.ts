/**
 * The operator surface is invisible to the client role: no type or field in introspection or in
 * client-schema.graphql, and validation errors for internal fields.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT, startTestGateway, type TestGateway } from '../support/gateway-harness.js';

const OPS_TYPES = [
  'UpstreamHealth',
  'UpstreamAppHealth',
  'UpstreamProbeError',
  'UpstreamEndpointHealth',
  'EndpointStats',
  'EndpointLastError',
  'BreachMetric',
  'BreachReason',
  'EndpointBreach',
  'Rating',
  'RateEndpointInput',
  'RateEndpointPayload',
];
const OPS_FIELDS = ['upstreamHealth', 'endpointStats', 'endpointBreaches', 'ratings', 'rateEndpoint'];

const INTROSPECTION = /* GraphQL */ `
  {
    __schema {
      types { name fields { name } inputFields { name } }
    }
  }
`;

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
});

afterAll(async () => {
  await t.close();
});

describe('client role', () => {
  it('sees no operator type or field in introspection', async () => {
    const response = await t.gql('client', INTROSPECTION);
    const types = response.body.data.__schema.types as { name: string; fields: { name: string }[] | null }[];

    const names = types.map((type) => type.name);
    for (const name of OPS_TYPES) {
      expect(names).not.toContain(name);
    }
    const fields = types.flatMap((type) => (type.fields ?? []).map((field) => field.name));
    for (const name of OPS_FIELDS) {
      expect(fields).not.toContain(name);
    }
  });

  it('finds the operator types in the internal schema', async () => {
    const response = await t.gql('internal', INTROSPECTION);
    const names = (response.body.data.__schema.types as { name: string }[]).map((type) => type.name);

    for (const name of OPS_TYPES) {
      expect(names).toContain(name);
    }
  });

  it('gets a validation error for an operator mutation', async () => {
    const response = await t.gql('client', 'mutation { rateEndpoint(input: { endpoint: "/flux-pulid", score: 5 }) { rating { id } } }');

    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.text).not.toContain('Rating');
  });

  it('finds none of them in client-schema.graphql', () => {
    const clientSchema = readFileSync(path.join(REPO_ROOT, 'client-schema.graphql'), 'utf8');

    for (const name of [...OPS_TYPES, ...OPS_FIELDS]) {
      expect(clientSchema).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});
