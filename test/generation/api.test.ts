/**
 * The generation API over HTTP: create, read, list with filters and cursors, cancel, ownership
 * between client keys, and idempotency keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GENERATION_QUERY, startTestGateway, type TestGateway } from '../support/gateway-harness.js';
import { CANCEL_MUTATION, CREATE_WITH_KEY, PNG_BASE64, createAccepted, createGeneration, type CreatePayload } from './helpers.js';

const LIST_QUERY = /* GraphQL */ `
  query List($filter: GenerationFilter, $first: Int, $after: String) {
    generations(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id endpoint status createdAt } }
      nodes { id }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

interface ListPage {
  edges: { cursor: string; node: { id: string; endpoint: string; status: string; createdAt: string } }[];
  nodes: { id: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway({ emulator: { jobMs: 20 } });
});

afterAll(async () => {
  await t.close();
});

async function list(role: 'client' | 'other' | 'internal', variables: Record<string, unknown>): Promise<ListPage> {
  const response = await t.gql(role, LIST_QUERY, variables);
  expect(response.body.errors, response.text).toBeUndefined();
  return response.body.data.generations as ListPage;
}

describe('createGeneration', () => {
  it('returns the generation with validated inputs', async () => {
    const payload = await createGeneration(t, 'client', '/seedvr2', { image: PNG_BASE64, resolution: 512 });

    expect(payload.userErrors).toEqual([]);
    const generation = payload.generation!;
    expect(generation.id).toMatch(/^gen_/);
    expect(generation.endpoint).toBe('/seedvr2');
    expect(['QUEUED', 'RUNNING']).toContain(generation.status);
    expect(generation.inputs).toEqual({
      image: { mediaType: 'image/png', byteSize: Buffer.from(PNG_BASE64, 'base64').length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), width: 16, height: 12 },
      resolution: 512,
    });
    await t.waitForGeneration(generation.id);
  });

  it('returns userErrors with field path, code and message', async () => {
    const payload = await createGeneration(t, 'client', '/seedvr2', { image: PNG_BASE64, resolution: 9000, colour: 'red' });

    expect(payload.generation).toBeNull();
    expect(payload.userErrors).toEqual([
      {
        field: ['inputs', 'colour'],
        code: 'UNKNOWN_INPUT',
        message: 'Unknown input "colour" for /seedvr2. Accepted inputs: image, resolution, seed, max_resolution, max_resolution_2.',
      },
      { field: ['inputs', 'resolution'], code: 'OUT_OF_RANGE', message: 'Input "resolution" must be from 256 to 4000; got 9000.' },
    ]);
  });
});

describe('generation(id)', () => {
  it('shows a generation to owner and internal role', async () => {
    const id = await createAccepted(t, 'client', '/seedvr2', { image: PNG_BASE64 });
    await t.waitForGeneration(id);

    const own = await t.gql('client', 'query($id: ID!) { generation(id: $id) { id status endpoint } }', { id });
    expect(own.body.data.generation).toEqual({ id, status: 'SUCCEEDED', endpoint: '/seedvr2' });

    const other = await t.gql('other', 'query($id: ID!) { generation(id: $id) { id } }', { id });
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data.generation).toBeNull();

    const internal = await t.gql('internal', GENERATION_QUERY, { id });
    expect(internal.body.data.generation.id).toBe(id);
    expect(internal.body.data.generation.ownerId).toEqual(expect.any(String));
    expect(internal.body.data.generation.upstreamPosts).toBe(1);
  });

  it('returns null for an id that does not exist', async () => {
    for (const id of ['gen_0000', '']) {
      const response = await t.gql('client', 'query($id: ID!) { generation(id: $id) { id } }', { id });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.generation).toBeNull();
    }
  });
});

describe('generations', () => {
  it('filters and pages with cursors', async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const upscales: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      upscales.push(await createAccepted(t, 'other', '/seedvr2', { image: PNG_BASE64, seed: index }));
      // Distinct creation milliseconds keep the newest-first order unambiguous.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const middle = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const edit = await createAccepted(t, 'other', '/qwen-image-edit-2511', { source_image: PNG_BASE64, instruction: 'add a hat' });
    t.emulator.setFault('/flux-pulid', { errorStatus: 400, errorMessage: 'No face detected' });
    const failed = await createAccepted(t, 'other', '/flux-pulid', { prompt: 'portrait', reference_image: PNG_BASE64 });
    await Promise.all([...upscales, edit, failed].map((id) => t.waitForGeneration(id)));
    t.emulator.clearFaults('/flux-pulid');

    const all = await list('other', { filter: { createdAfter: before } });
    expect(all.nodes.map((node) => node.id)).toEqual([failed, edit, ...[...upscales].reverse()]);

    const bySeedvr = await list('other', { filter: { endpoint: '/seedvr2', createdAfter: before } });
    expect(bySeedvr.nodes.map((node) => node.id)).toEqual([...upscales].reverse());

    const failedOnly = await list('other', { filter: { status: ['FAILED'], createdAfter: before } });
    expect(failedOnly.edges.map((edge) => [edge.node.id, edge.node.status])).toEqual([[failed, 'FAILED']]);

    const succeededOrFailed = await list('other', { filter: { status: ['SUCCEEDED', 'FAILED'], createdAfter: before } });
    expect(succeededOrFailed.nodes).toHaveLength(5);

    const older = await list('other', { filter: { createdAfter: before, createdBefore: middle } });
    expect(older.nodes.map((node) => node.id)).toEqual([...upscales].reverse());
    const newer = await list('other', { filter: { createdAfter: middle } });
    expect(newer.nodes.map((node) => node.id)).toEqual([failed, edit]);

    const first = await list('other', { filter: { createdAfter: before }, first: 2 });
    expect(first.nodes.map((node) => node.id)).toEqual([failed, edit]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.endCursor).toBe(first.edges[1]!.cursor);
    const second = await list('other', { filter: { createdAfter: before }, first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((node) => node.id)).toEqual([upscales[2], upscales[1]]);
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = await list('other', { filter: { createdAfter: before }, first: 2, after: second.pageInfo.endCursor });
    expect(third.nodes.map((node) => node.id)).toEqual([upscales[0]]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('lists only the caller’s own generations', async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const mine = await createAccepted(t, 'client', '/seedvr2', { image: PNG_BASE64, seed: 77 });
    const theirs = await createAccepted(t, 'other', '/seedvr2', { image: PNG_BASE64, seed: 78 });
    await Promise.all([mine, theirs].map((id) => t.waitForGeneration(id)));

    expect((await list('client', { filter: { createdAfter: before } })).nodes.map((node) => node.id)).toEqual([mine]);
    expect((await list('other', { filter: { createdAfter: before } })).nodes.map((node) => node.id)).toEqual([theirs]);
    expect((await list('internal', { filter: { createdAfter: before } })).nodes.map((node) => node.id).sort()).toEqual([mine, theirs].sort());

    // A client that filters by status still gets nothing of another client's.
    const clientFailed = await list('client', { filter: { status: ['FAILED'] } });
    expect(clientFailed.nodes).toEqual([]);
  });

  it('rejects an unknown cursor', async () => {
    const response = await t.gql('client', LIST_QUERY, { after: 'garbage' });
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toBe(
      'Invalid cursor "garbage" in "after": expected the endCursor of a previous page. Request the first page without "after" and follow its endCursor.',
    );
  });

  it('treats an empty endpoint filter as no filter', async () => {
    const response = await t.gql('client', LIST_QUERY, { filter: { endpoint: '' }, first: 1 });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.generations.nodes).toHaveLength(1);
  });

  it('rejects a page size outside 1 to 100', async () => {
    const response = await t.gql('client', LIST_QUERY, { first: 101 });
    expect(response.body.errors?.[0]?.message).toBe('Argument "first" must be from 1 to 100; got 101.');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('cancelGeneration', () => {
  it('gives another client NOT_FOUND', async () => {
    t.emulator.setFault('/qwen-image-edit-2511', { jobMs: 400 });
    const id = await createAccepted(t, 'client', '/qwen-image-edit-2511', { source_image: PNG_BASE64, instruction: 'smile' });

    const response = await t.gql('other', CANCEL_MUTATION, { id });
    expect(response.body.data.cancelGeneration).toEqual({
      generation: null,
      userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: `No generation "${id}" exists for this API key.` }],
    });

    const finished = await t.waitForGeneration(id);
    t.emulator.clearFaults('/qwen-image-edit-2511');
    expect(finished.status).toBe('SUCCEEDED');
  });

  it('gives NOT_FOUND for an id that does not exist', async () => {
    for (const id of ['gen_missing', '']) {
      const response = await t.gql('client', CANCEL_MUTATION, { id });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.cancelGeneration.userErrors).toEqual([
        { field: ['id'], code: 'NOT_FOUND', message: `No generation "${id}" exists for this API key.` },
      ]);
    }
  });
});

describe('idempotency', () => {
  async function createKeyed(role: 'client' | 'other', key: string, seed: number): Promise<CreatePayload> {
    const response = await t.gql(role, CREATE_WITH_KEY, {
      input: { endpoint: '/seedvr2', inputs: { image: PNG_BASE64, seed }, idempotencyKey: key },
    });
    expect(response.body.errors, response.text).toBeUndefined();
    return response.body.data.createGeneration as CreatePayload;
  }

  it('replays the same key and input', async () => {
    const postsBefore = t.emulator.countPosts('/seedvr2');
    const first = await createKeyed('client', 'order-1001', 5);
    expect(first.userErrors).toEqual([]);
    await t.waitForGeneration(first.generation!.id);

    const again = await createKeyed('client', 'order-1001', 5);
    expect(again.userErrors).toEqual([]);
    expect(again.generation!.id).toBe(first.generation!.id);
    expect(again.generation!.status).toBe('SUCCEEDED');
    expect(t.emulator.countPosts('/seedvr2') - postsBefore).toBe(1);
  });

  it('deduplicates two concurrent requests', async () => {
    const postsBefore = t.emulator.countPosts('/seedvr2');
    const [a, b] = await Promise.all([createKeyed('client', 'order-2002', 6), createKeyed('client', 'order-2002', 6)]);
    expect(a.userErrors).toEqual([]);
    expect(b.userErrors).toEqual([]);
    expect(a.generation!.id).toBe(b.generation!.id);
    await t.waitForGeneration(a.generation!.id);
    expect(t.emulator.countPosts('/seedvr2') - postsBefore).toBe(1);
  });

  it('rejects a reused key with other input', async () => {
    const first = await createKeyed('client', 'order-3003', 7);
    const conflict = await createKeyed('client', 'order-3003', 8);
    expect(conflict.generation).toBeNull();
    expect(conflict.userErrors).toEqual([
      {
        field: ['idempotencyKey'],
        code: 'IDEMPOTENCY_CONFLICT',
        message: `Idempotency key "order-3003" was already used with a different endpoint or input (generation ${first.generation!.id}); use a new key for a new request.`,
      },
    ]);
    await t.waitForGeneration(first.generation!.id);
  });

  it('scopes keys per owner', async () => {
    const mine = await createKeyed('client', 'order-4004', 9);
    const theirs = await createKeyed('other', 'order-4004', 9);
    expect(theirs.userErrors).toEqual([]);
    expect(theirs.generation!.id).not.toBe(mine.generation!.id);
    expect(theirs.generation!.idempotencyKey).toBe('order-4004');
    await Promise.all([mine, theirs].map((payload) => t.waitForGeneration(payload.generation!.id)));
  });

  it('rejects a malformed key by name', async () => {
    const payload = await createKeyed('client', 'has spaces', 1);
    expect(payload.userErrors).toEqual([
      { field: ['idempotencyKey'], code: 'INVALID_VALUE', message: 'An idempotency key is 1 to 128 characters from A-Z a-z 0-9 . _ : -.' },
    ]);
  });
});
