import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLIENT_KEY } from '../support/gateway-harness.js';
import { countStoredGenerations, CREATE, fluxPulidInputs, startCapturedGateway, type CapturedGateway } from './helpers.js';

let gateway: CapturedGateway;

beforeAll(async () => {
  gateway = await startCapturedGateway();
});

afterAll(async () => {
  await gateway.close();
});

const INPUT = { endpoint: '/flux-pulid', inputs: fluxPulidInputs() };

function repeat(count: number, render: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => render(index)).join(' ');
}

/** Sends `query` as the client and checks the rejection names `limit` and leaves no trace. */
async function expectLimit(query: string, limit: string, variables?: Record<string, unknown>) {
  const before = await countStoredGenerations(gateway);
  const response = await gateway.gql('client', query, variables);

  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  const errors = response.body.errors ?? [];
  expect(errors.map((error) => error.extensions?.code)).toContain('OPERATION_LIMIT_EXCEEDED');
  const error = errors.find((candidate) => candidate.extensions?.limit === limit);
  expect(error, `no error for ${limit} in ${response.text}`).toBeDefined();
  expect(error?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  expect(gateway.emulator.countPosts()).toBe(0);
  expect(await countStoredGenerations(gateway)).toBe(before);
  return error!;
}

describe('operation limits', () => {
  it('rejects depth over 12', async () => {
    const nested = repeat(11, () => 'ofType {') + ' name ' + repeat(11, () => '}');
    const error = await expectLimit(`{ __type(name: "Query") { fields { type { ${nested} } } } }`, 'maxOperationDepth');

    expect(error.message).toBe('Query depth limit of 12 exceeded, found 15. Select fewer nested fields, or split the operation.');
    expect(error.extensions?.max).toBe(12);
  });

  it('accepts the standard introspection query', async () => {
    const response = await gateway.gql('client', getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.__schema.queryType.name).toBe('Query');
  });

  it('rejects more than 15 aliases', async () => {
    const error = await expectLimit(`{ capabilities { ${repeat(16, (index) => `a${index}: path`)} } }`, 'maxOperationAliases');

    expect(error.message).toBe('Aliases limit of 15 exceeded, found 16. Use fewer aliases, or split the operation.');
  });

  it('counts aliases inside fragments', async () => {
    await expectLimit(
      `{ capabilities { ...Paths } } fragment Paths on Endpoint { ${repeat(16, (index) => `a${index}: path`)} }`,
      'maxOperationAliases',
    );
  });

  it('rejects more than 2000 tokens', async () => {
    // Each "path" is one token, so the document passes no other limit.
    const error = await expectLimit(`{ capabilities { ${repeat(2001, () => 'path')} } }`, 'maxOperationTokens');

    expect(error.message).toMatch(/^The document has more than 2000 tokens, the limit\./);
    expect(error.extensions?.max).toBe(2000);
  });

  it('rejects the token limit with 200 for application/json', async () => {
    const response = await gateway.raw({
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${CLIENT_KEY}` },
      body: JSON.stringify({ query: `{ capabilities { ${repeat(2001, () => 'path')} } }` }),
    });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('rejects more than 10 root fields', async () => {
    const error = await expectLimit(`{ capabilities { path } ${repeat(10, (index) => `r${index}: capabilities { path }`)} }`, 'maxOperationRootFields');

    expect(error.message).toBe('The operation selects 11 root fields; the limit is 10. Split it into several operations.');
  });

  it('counts root fields through fragments', async () => {
    await expectLimit(
      `{ ...Roots ... on Query { capabilities { path } } } fragment Roots on Query { ${repeat(10, (index) => `r${index}: capabilities { path }`)} }`,
      'maxOperationRootFields',
    );
  });

  it('rejects more than 20 directives', async () => {
    await expectLimit(`{ capabilities { ${repeat(21, () => 'path @include(if: true)')} } }`, 'maxOperationDirectives');
  });

  it('rejects two aliased createGeneration calls', async () => {
    const error = await expectLimit(
      `mutation Two($input: CreateGenerationInput!) {
        first: createGeneration(input: $input) { generation { id } }
        second: createGeneration(input: $input) { generation { id } }
      }`,
      'maxGenerationsPerOperation',
      { input: INPUT },
    );

    expect(error.message).toBe(
      'The operation calls createGeneration 2 times; the limit is 1 per operation. Send each generation in its own request.',
    );
  });

  it('counts createGeneration through fragments', async () => {
    await expectLimit(
      `mutation Spread($input: CreateGenerationInput!) { ...One ...Two }
       fragment One on Mutation { createGeneration(input: $input) { generation { id } } }
       fragment Two on Mutation { again: createGeneration(input: $input) { generation { id } } }`,
      'maxGenerationsPerOperation',
      { input: INPUT },
    );
  });

  it('counts createGeneration through inline fragments', async () => {
    await expectLimit(
      `mutation Inline($input: CreateGenerationInput!) {
        createGeneration(input: $input) { generation { id } }
        ... on Mutation { other: createGeneration(input: $input) { generation { id } } }
      }`,
      'maxGenerationsPerOperation',
      { input: INPUT },
    );
  });

  it('rejects a fragment cycle without crashing', async () => {
    const response = await gateway.gql('client', '{ ...Loop } fragment Loop on Query { capabilities { path } ...Loop }');

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/Cannot spread fragment "Loop" within itself/);
  });

  it('rejects fragments that multiply selections', async () => {
    // Each fragment spreads the next one twice: 2^30 selections from about 300 tokens.
    const fragments = repeat(30, (index) => `fragment F${index} on Endpoint { path ...F${index + 1} ...F${index + 1} }`);
    const error = await expectLimit(`{ capabilities { ...F0 } } ${fragments} fragment F30 on Endpoint { path }`, 'maxRecursiveSelections');

    expect(error.message).toBe(
      "The operation's fragment spreads expand to more than 10000000 selections. Spread each fragment once per selection set.",
    );
  });

  it('rejects a batched JSON array body', async () => {
    const before = await countStoredGenerations(gateway);
    const operation = { query: CREATE, variables: { input: INPUT } };
    const response = await gateway.raw({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` },
      body: JSON.stringify([operation, operation]),
    });

    expect(response.status).toBe(400);
    const body = JSON.parse(response.text);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/batching/i);
    expect(gateway.emulator.countPosts()).toBe(0);
    expect(await countStoredGenerations(gateway)).toBe(before);
  });

  it('runs one generation for a repeated response key', async () => {
    // Selections with the same response key merge into one execution, so this is one call.
    const response = await gateway.gql(
      'client',
      `mutation Merged($input: CreateGenerationInput!) {
        createGeneration(input: $input) { generation { id } }
        createGeneration(input: $input) { userErrors { code } }
      }`,
      { input: INPUT },
    );

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.createGeneration.generation.id).toMatch(/^gen_/);
    expect(response.body.data.createGeneration.userErrors).toEqual([]);
    expect(await countStoredGenerations(gateway)).toBe(1);
    await gateway.waitForGeneration(response.body.data.createGeneration.generation.id);
    expect(gateway.emulator.countPosts()).toBe(1);
  });
});
