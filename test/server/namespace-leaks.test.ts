/**
 * Probes the gateway as a client for every name and path of the internal namespace and checks
 * that each one gets exactly the response of a name or path that does not exist.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  graphqlSync,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { samplePng } from '../../src/emulator/samples/index.js';
import { CREATE_MUTATION, keyFor, REPO_ROOT, startTestGateway, type GraphQLResponse, type Role, type TestGateway } from '../support/gateway-harness.js';
import {
  findHiddenNames,
  hiddenPaths,
  namespaceNames,
  NEVER_PROSE,
  PRIMARY_PATHS,
  sameShapeName,
  withoutPublicSuggestions,
  type NameKind,
} from './namespace.js';

const { hidden, visible } = namespaceNames();
const hiddenSet = new Set(hidden.keys());
const paths = hiddenPaths();

interface Probe {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

interface Shape {
  readonly id: string;
  /** Kinds of name whose near misses this shape tries; every hidden name tries every shape. */
  readonly kinds: readonly NameKind[];
  build(name: string): Probe;
}

const CREATE_SHORT = 'mutation ($input: CreateGenerationInput!) { createGeneration(input: $input) { userErrors { field code message } } }';
const FILTER_QUERY = 'query ($f: GenerationFilter) { generations(filter: $f) { nodes { id } } }';

const NAME_SHAPES: readonly Shape[] = [
  { id: 'query field', kinds: ['field'], build: (n) => ({ query: `{ ${n} }` }) },
  { id: 'query field with selection', kinds: ['field'], build: (n) => ({ query: `{ ${n} { path } }` }) },
  { id: 'endpoint field', kinds: ['field'], build: (n) => ({ query: `{ capabilities { path ${n} } }` }) },
  { id: 'output field', kinds: ['field'], build: (n) => ({ query: `{ capabilities { output { ${n} } } }` }) },
  {
    id: 'generation fields',
    kinds: ['field'],
    build: (n) => ({ query: `{ generations { nodes { ${n} error { ${n} } artifacts { ${n} } } } }` }),
  },
  { id: 'mutation field', kinds: ['field'], build: (n) => ({ query: `mutation { ${n} }` }) },
  { id: 'alias', kinds: ['field'], build: (n) => ({ query: `{ ${n}: capabilities { path ${n}: path } }` }) },
  { id: '__type lookup', kinds: ['type'], build: (n) => ({ query: `{ __type(name: "${n}") { name kind fields { name } } }` }) },
  { id: 'inline fragment', kinds: ['type'], build: (n) => ({ query: `{ capabilities { ... on ${n} { __typename } } }` }) },
  {
    id: 'named fragment',
    kinds: ['type'],
    build: (n) => ({ query: `{ capabilities { ...Probe } } fragment Probe on ${n} { __typename }` }),
  },
  {
    id: 'variable type',
    kinds: ['type'],
    build: (n) => ({ query: `query ($v: ${n}) { capability(path: $v) { path } }`, variables: { v: 'x' } }),
  },
  { id: 'argument', kinds: ['argument'], build: (n) => ({ query: `{ capability(path: "/seedvr2", ${n}: 1) { path } }` }) },
  { id: 'list argument', kinds: ['argument'], build: (n) => ({ query: `{ generations(${n}: "x") { nodes { id } } }` }) },
  {
    id: 'input key literal',
    kinds: ['inputField'],
    build: (n) => ({
      query: `mutation { createGeneration(input: { endpoint: "/seedvr2", inputs: {}, ${n}: 1 }) { userErrors { code } } }`,
    }),
  },
  {
    id: 'input key variable',
    kinds: ['inputField'],
    build: (n) => ({ query: CREATE_SHORT, variables: { input: { endpoint: '/seedvr2', inputs: {}, [n]: 1 } } }),
  },
  { id: 'filter key variable', kinds: ['inputField'], build: (n) => ({ query: FILTER_QUERY, variables: { f: { [n]: 1 } } }) },
  {
    id: 'enum literal',
    kinds: ['enumValue'],
    build: (n) => ({ query: `{ generations(filter: { status: [${n}] }) { nodes { id } } }` }),
  },
  { id: 'enum variable', kinds: ['enumValue'], build: (n) => ({ query: FILTER_QUERY, variables: { f: { status: [n] } } }) },
  { id: 'directive', kinds: ['directive'], build: (n) => ({ query: `{ capabilities @${n} { path } }` }) },
];

const PATH_SHAPES: readonly Shape[] = [
  { id: 'capability literal', kinds: [], build: (p) => ({ query: `{ capability(path: "${p}") { path } }` }) },
  {
    id: 'capability variable',
    kinds: [],
    build: (p) => ({ query: 'query ($p: String!) { capability(path: $p) { path inputs { name } } }', variables: { p } }),
  },
  {
    id: 'create literal',
    kinds: [],
    build: (p) => ({
      query: `mutation { createGeneration(input: { endpoint: "${p}", inputs: { prompt: "a red fox" } }) { generation { id } userErrors { field code message } } }`,
    }),
  },
  { id: 'create without inputs', kinds: [], build: (p) => ({ query: CREATE_MUTATION, variables: { input: { endpoint: p, inputs: {} } } }) },
  {
    id: 'create with a bad idempotency key',
    kinds: [],
    build: (p) => ({ query: CREATE_MUTATION, variables: { input: { endpoint: p, inputs: { prompt: 'x' }, idempotencyKey: 'not valid!' } } }),
  },
  { id: 'generations filter', kinds: [], build: (p) => ({ query: FILTER_QUERY, variables: { f: { endpoint: p } } }) },
];

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
});

afterAll(async () => {
  await t?.close();
});

async function send(role: Role, probe: Probe): Promise<string> {
  const response = await t.gql(role, probe.query, probe.variables);
  return `${response.status} ${response.text}`;
}

/** Runs `tasks` with at most `limit` in flight, keeping the order of results. */
async function runPool<T>(tasks: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

interface Mismatch {
  shape: string;
  name: string;
  problem: string;
  response: string;
  baseline?: string;
}

/**
 * Sends `shape` with `name` and with a same-shape name that exists nowhere, and lists what is
 * wrong: the two responses differ once `name` is put back into the baseline (suggestions of
 * public names aside), or the baseline contains a hidden name. With `echoIsClean`, the
 * response to `name` itself must contain no hidden name either.
 */
async function compareWithUnknown(shape: Shape, name: string, cache: Map<string, Promise<string>>, echoIsClean = false): Promise<Mismatch[]> {
  const stand = sameShapeName(name);
  const baselineKey = `${shape.id}\u0000${stand}`;
  let baselinePromise = cache.get(baselineKey);
  if (!baselinePromise) {
    baselinePromise = send('client', shape.build(stand));
    cache.set(baselineKey, baselinePromise);
  }
  const [response, baseline] = await Promise.all([send('client', shape.build(name)), baselinePromise]);

  const problems: Mismatch[] = [];
  for (const [label, text] of echoIsClean ? [[stand, baseline], [name, response]] : [[stand, baseline]]) {
    const leaked = findHiddenNames(text!, hiddenSet, paths);
    if (leaked.length > 0) {
      problems.push({ shape: shape.id, name: label!, problem: `hidden names ${leaked.join(', ')}`, response: text! });
    }
  }
  const normalise = (text: string): string => {
    const space = text.indexOf(' ');
    return `${text.slice(0, space)} ${withoutPublicSuggestions(text.slice(space + 1), visible)}`;
  };
  if (normalise(response) !== normalise(baseline.replaceAll(stand, name))) {
    problems.push({ shape: shape.id, name, problem: 'differs from an unknown name', response, baseline });
  }
  return problems;
}

/** Selects the shapes that put a name where an element of one of `kinds` goes. */
function shapesFor(kinds: ReadonlySet<NameKind>): Shape[] {
  return NAME_SHAPES.filter((shape) => shape.kinds.some((kind) => kinds.has(kind)));
}

/** Misspells `name` by dropping its last character or adding one; null when a schema defines the result. */
function nearMiss(name: string): string | null {
  const candidate = name.length > 3 ? name.slice(0, -1) : `${name}x`;
  return visible.has(candidate) || hiddenSet.has(candidate) ? null : candidate;
}

describe('internal namespace seen by a client', () => {
  it('hides the names the probes rely on', () => {
    for (const name of ['internal', 'tierReason', 'tierExplanation', 'TierExplanation', 'ENDPOINT_REMOVED', 'rateEndpoint', 'RateEndpointInput', 'upstreamStatus', 'ownerId']) {
      expect(hiddenSet.has(name), name).toBe(true);
    }
    expect(paths).toEqual(expect.arrayContaining(['/flux', '/wan2.6', '/sdxl-lightning', '/wan2', '/flux-instantid']));
    expect(paths).toHaveLength(13);
  });

  it('introspection returns the client schema only', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
    const client = await t.gql<IntrospectionQuery>('client', query);
    expect(client.status).toBe(200);

    const served = lexicographicSortSchema(buildClientSchema(client.body.data!));
    const file = readFileSync(path.join(REPO_ROOT, 'client-schema.graphql'), 'utf8');
    expect(printSchema(served)).toBe(printSchema(lexicographicSortSchema(buildSchema(file))));

    const servedNames = [...hiddenSet].filter((name) => served.getType(name) || client.text.includes(`"name":"${name}"`));
    expect(servedNames).toEqual([]);
    expect(findHiddenNames(client.text, hiddenSet, paths)).toEqual([]);
    for (const word of NEVER_PROSE) {
      expect(client.text).not.toMatch(new RegExp(`\\b${word}\\b`));
    }

    // The same query as the internal role does show the namespace, so the checks above can fail.
    const internal = await t.gql('internal', query);
    expect(internal.text).toContain('"name":"internal"');
    expect(findHiddenNames(internal.text, hiddenSet, paths)).toEqual(expect.arrayContaining(['tierReason', 'TierExplanation']));
  });

  it('local introspection of the client schema matches the served one', async () => {
    const query = getIntrospectionQuery({ descriptions: true });
    const served = await t.gql('client', query);
    const file = readFileSync(path.join(REPO_ROOT, 'client-schema.graphql'), 'utf8');
    const local = graphqlSync({ schema: buildSchema(file), source: query });
    const namesOf = (data: IntrospectionQuery): string[] => data.__schema.types.map((type) => type.name).sort();
    expect(namesOf(served.body.data)).toEqual(namesOf(local.data as unknown as IntrospectionQuery));
  });

  it('hidden names answer like unknown names', async () => {
    // Each name goes where its kind of element goes, and everywhere as a field of Query.
    const cache = new Map<string, Promise<string>>();
    const tasks = [...hidden].flatMap(([name, kinds]) =>
      [...new Set([NAME_SHAPES[0]!, ...shapesFor(kinds)])].map((shape) => () => compareWithUnknown(shape, name, cache)),
    );
    expect(tasks.length).toBeGreaterThan(hidden.size);
    const problems = (await runPool(tasks)).flat();
    expect(problems).toEqual([]);
  });

  it('near misses of hidden names suggest none of them', async () => {
    // Misspellings such as "interna" or "tierReaso" would draw a "Did you mean" suggestion of
    // the hidden name if the client schema still contained it.
    const cache = new Map<string, Promise<string>>();
    const tasks = [...hidden].flatMap(([name, kinds]) => {
      const miss = nearMiss(name);
      return miss === null ? [] : shapesFor(kinds).map((shape) => () => compareWithUnknown(shape, miss, cache, true));
    });
    expect(tasks.length).toBeGreaterThan(hidden.size);
    for (const miss of ['interna', 'tierReaso', 'ENDPOINT_REMOVE']) {
      tasks.push(...NAME_SHAPES.map((shape) => () => compareWithUnknown(shape, miss, cache, true)));
    }
    const problems = (await runPool(tasks)).flat();
    expect(problems).toEqual([]);
  });

  it('public near misses still get suggestions', async () => {
    // Suggestions stay on; the client schema simply has no hidden name to suggest.
    const response = await t.gql('client', '{ capabilitie { path } }');
    expect(response.body.errors?.[0]?.message).toBe('Cannot query field "capabilitie" on type "Query". Did you mean "capabilities" or "capability"?');
  });

  it('hidden paths answer like unknown paths', async () => {
    const postsBefore = t.emulator.countPosts();
    const cache = new Map<string, Promise<string>>();
    const tasks = paths.flatMap((hiddenPath) => PATH_SHAPES.map((shape) => () => compareWithUnknown(shape, hiddenPath, cache)));
    const problems = (await runPool(tasks)).flat();
    expect(problems).toEqual([]);
    expect(t.emulator.countPosts()).toBe(postsBefore);
  });

  it('a hidden path gives NOT_FOUND with the echoed path only', async () => {
    const capability = await t.gql('client', '{ capability(path: "/flux") { path } }');
    expect(capability.body).toEqual({
      data: null,
      errors: [
        {
          message: 'No endpoint "/flux" is available. Query "capabilities" for the endpoints you can call.',
          locations: [{ line: 1, column: 3 }],
          path: ['capability'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
    const removed = await t.gql('client', CREATE_MUTATION, { input: { endpoint: '/wan2', inputs: { prompt: 'a red fox' } } });
    expect(removed.body.data.createGeneration.userErrors).toEqual([
      {
        field: ['endpoint'],
        code: 'ENDPOINT_NOT_FOUND',
        message: 'No endpoint "/wan2" is available. Query "capabilities" for the endpoints you can call.',
      },
    ]);
  });

  it('capabilities mention no hidden path', async () => {
    const response = await t.gql(
      'client',
      `{ capabilities { path purpose modality classification tier referenceInputs loraInputs output { mediaType }
         inputs { name type role required description default min max maxLength allowedValues isReference isLora media acceptedMediaTypes maxBytes minItems maxItems } } }`,
    );
    expect(response.body.data.capabilities.map((endpoint: { path: string }) => endpoint.path)).toEqual(PRIMARY_PATHS);
    expect(findHiddenNames(response.text, new Set(), paths)).toEqual([]);
  });
});

describe('other callers\' generations seen by a client', () => {
  let otherGeneration: { id: string; artifacts: { id: string; url: string }[] };
  let internalGeneration: { id: string; artifacts: { id: string; url: string }[] };

  beforeAll(async () => {
    const image = samplePng(64, 64).toString('base64');
    const other = await t.gql('other', CREATE_MUTATION, { input: { endpoint: '/seedvr2', inputs: { image } } });
    const internal = await t.gql('internal', CREATE_MUTATION, { input: { endpoint: '/flux', inputs: { prompt: 'a red fox' } } });
    const otherId = other.body.data.createGeneration.generation.id as string;
    const internalId = internal.body.data.createGeneration.generation.id as string;
    otherGeneration = await t.waitForGeneration(otherId);
    internalGeneration = await t.waitForGeneration(internalId);
    expect(otherGeneration).toMatchObject({ status: 'SUCCEEDED' });
    expect(internalGeneration).toMatchObject({ status: 'SUCCEEDED' });
    expect(otherGeneration.artifacts).toHaveLength(1);
    expect(internalGeneration.artifacts).toHaveLength(1);
  });

  const GENERATION = 'query ($id: ID!) { generation(id: $id) { id status artifacts { url } } }';
  const CANCEL = 'mutation ($id: ID!) { cancelGeneration(id: $id) { generation { id } userErrors { field code message } } }';

  it('generation ids answer like unknown ids', async () => {
    for (const id of [otherGeneration.id, internalGeneration.id]) {
      const unknown = `gen_${randomUUID().replaceAll('-', '')}`;
      for (const query of [GENERATION, CANCEL]) {
        const seen = await t.gql('client', query, { id });
        const baseline = await t.gql('client', query, { id: unknown });
        expect(seen.status).toBe(baseline.status);
        expect(seen.text).toBe(baseline.text.replaceAll(unknown, id));
      }
    }
    const seen = await t.gql('client', GENERATION, { id: otherGeneration.id });
    expect(seen.body).toEqual({ data: { generation: null } });
  });

  it('generation lists leave them out', async () => {
    const all = await t.gql('client', '{ generations { nodes { id } pageInfo { hasNextPage } } }');
    expect(all.body).toEqual({ data: { generations: { nodes: [], pageInfo: { hasNextPage: false } } } });
    const byPath = await t.gql('client', FILTER_QUERY, { f: { endpoint: '/seedvr2' } });
    expect(byPath.body).toEqual({ data: { generations: { nodes: [] } } });
    // The owner does list its own, so the filter above could have matched.
    const own = await t.gql('other', FILTER_QUERY, { f: { endpoint: '/seedvr2' } });
    expect(own.body.data.generations.nodes).toEqual([{ id: otherGeneration.id }]);
  });

  it('artifact URLs answer like unknown ones', async () => {
    for (const generation of [otherGeneration, internalGeneration]) {
      const artifact = generation.artifacts[0]!;
      const unknownUrl = `/artifacts/art_${randomUUID().replaceAll('-', '')}`;
      for (const method of ['GET', 'HEAD']) {
        const seen = await t.raw({ method, path: artifact.url, headers: { authorization: `Bearer ${keyFor('client')}` } });
        const baseline = await t.raw({ method, path: unknownUrl, headers: { authorization: `Bearer ${keyFor('client')}` } });
        expect(seen.status, `${method} ${artifact.url}`).toBe(404);
        expect(seen.text).toBe(baseline.text);
        expect(pickHeaders(seen.headers)).toEqual(pickHeaders(baseline.headers));
      }
    }
    const owner = await t.raw({ path: otherGeneration.artifacts[0]!.url, headers: { authorization: `Bearer ${keyFor('other')}` } });
    expect(owner.status).toBe(200);
  });
});

describe('roles under concurrency', () => {
  it('each role keeps its own view of identical documents', async () => {
    // A fresh operation name per run keeps the documents out of any cache warmed by other tests.
    const tag = `Concurrent${randomUUID().slice(0, 8)}`;
    const documents = [
      `query ${tag}A { capabilities { path tier } }`,
      `query ${tag}B { internal { endpoints { path } } }`,
      `query ${tag}C { capabilities { path app } }`,
      `query ${tag}D { __type(name: "Endpoint") { fields { name } } }`,
    ];
    const roles: Role[] = ['client', 'internal'];
    const sent = Array.from({ length: 100 }, (_, index) => ({ role: roles[index % 2]!, document: documents[Math.floor(index / 2) % documents.length]! }));
    const responses = await Promise.all(sent.map(async ({ role, document }) => ({ role, document, response: await t.gql(role, document) })));

    const byKey = new Map<string, Set<string>>();
    for (const { role, document, response } of responses) {
      const key = `${role} ${document}`;
      byKey.set(key, (byKey.get(key) ?? new Set()).add(`${response.status} ${response.text}`));
    }
    expect([...byKey.values()].map((texts) => texts.size)).toEqual(new Array(8).fill(1));

    const [capabilities, namespace, app, fields] = documents.map((document) => ({
      client: responses.find((entry) => entry.role === 'client' && entry.document === document)!.response,
      internal: responses.find((entry) => entry.role === 'internal' && entry.document === document)!.response,
    }));
    const primary = PRIMARY_PATHS.map((primaryPath) => ({ path: primaryPath, tier: 'PRIMARY' }));
    expect(capabilities!.client.body).toEqual({ data: { capabilities: primary } });
    expect(capabilities!.internal.body).toEqual({ data: { capabilities: primary } });

    expect(namespace!.client.status).toBe(400);
    expect(namespace!.client.body.errors?.map((error) => error.message)).toEqual(['Cannot query field "internal" on type "Query".']);
    expect(namespace!.internal.body.data.internal.endpoints).toHaveLength(21);

    expect(app!.client.body.errors?.map((error) => error.message)).toEqual(['Cannot query field "app" on type "Endpoint".']);
    expect(app!.internal.body.data.capabilities[0]).toEqual({ path: '/sdxl-instantid', app: 'ryla-instantid' });

    const fieldNames = (response: GraphQLResponse): string[] => response.body.data.__type.fields.map((field: { name: string }) => field.name);
    expect(fieldNames(fields!.client)).not.toContain('tierReason');
    expect(fieldNames(fields!.internal)).toContain('tierReason');
    for (const { role, response } of responses) {
      if (role === 'client') {
        // The only hidden names a client sees are the ones its own query sent, echoed in errors.
        const withoutEcho = response.text.replaceAll('\\"internal\\"', '?').replaceAll('\\"app\\"', '?');
        expect(findHiddenNames(withoutEcho, hiddenSet, paths)).toEqual([]);
      }
    }
  });

  it('persisted queries do not cross roles', async () => {
    const query = `{ internal { endpoints { path tierReason } } # ${randomUUID()}\n}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash } };
    const register = await t.raw(apqRequest('internal', { query, extensions: persisted }));
    expect(register.status).toBe(200);
    expect(JSON.parse(register.text).data.internal.endpoints).toHaveLength(21);
    const replay = await t.raw(apqRequest('internal', { extensions: persisted }));
    expect(JSON.parse(replay.text).data.internal.endpoints).toHaveLength(21);

    const unknownHash = createHash('sha256').update(randomUUID()).digest('hex');
    const client = await t.raw(apqRequest('client', { extensions: persisted }));
    const baseline = await t.raw(apqRequest('client', { extensions: { persistedQuery: { version: 1, sha256Hash: unknownHash } } }));
    expect(client.status).toBe(baseline.status);
    expect(client.text).toBe(baseline.text);
    expect(JSON.parse(client.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

function apqRequest(role: Role, body: Record<string, unknown>): Parameters<TestGateway['raw']>[0] {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keyFor(role)}` },
    body: JSON.stringify(body),
  };
}

function pickHeaders(headers: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const { 'x-request-id': _requestId, date: _date, ...rest } = headers;
  return rest;
}
