/**
 * HTTP-level failures and GraphQL over HTTP conformance, run once with NODE_ENV=test and once
 * with NODE_ENV=production. Every failure returns a JSON GraphQL error body and its status.
 */
import { Readable } from 'node:stream';

import { serverAudits, type AuditResult } from 'graphql-http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { samplePng } from '../../src/emulator/samples/index.js';
import { CLIENT_KEY, startTestGateway, type TestGateway } from '../support/gateway-harness.js';

const AUTH = { authorization: `Bearer ${CLIENT_KEY}` };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const QUERY_BODY = JSON.stringify({ query: '{ capabilities { path } }' });

interface ErrorBody {
  errors: { message: string; extensions: { code: string } }[];
}

/** Parses a response that must be exactly one GraphQL error with a message and a code. */
function singleError(response: { status: number; headers: Record<string, unknown>; text: string }): ErrorBody['errors'][number] {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.text) as ErrorBody;
  expect(Object.keys(body)).toEqual(['errors']);
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors;
  expect(typeof error!.message).toBe('string');
  expect(typeof error!.extensions.code).toBe('string');
  return error!;
}

/** Audits whose result is not "ok" when every request carries only the client key. */
const EXPECTED_NOTICES = [
  { id: '5A70', status: 'notice', name: 'MAY accept application/x-www-form-urlencoded formatted GET requests' },
  { id: 'D6D5', status: 'notice', name: 'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json' },
  { id: '6A70', status: 'notice', name: 'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json' },
];

describe.each([
  { label: 'NODE_ENV=test', nodeEnv: 'test', production: false },
  { label: 'NODE_ENV=production', nodeEnv: 'production', production: true },
])('HTTP layer with $label', ({ nodeEnv, production }) => {
  let t: TestGateway;
  let savedNodeEnv: string | undefined;

  beforeAll(async () => {
    // Apollo Server reads NODE_ENV when it is constructed, so set it before the gateway starts.
    savedNodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = nodeEnv;
    // Small media limits make the body limit about 260 KB, so the 413 tests send little data.
    t = await startTestGateway({ env: { NODE_ENV: nodeEnv, MAX_IMAGE_BYTES: '1024', MAX_VIDEO_BYTES: '1024' } });
  });

  afterAll(async () => {
    await t?.close();
    process.env.NODE_ENV = savedNodeEnv;
  });

  it('runs in the intended mode', () => {
    expect(t.gateway.services.config.production).toBe(production);
    expect(t.gateway.bodyLimitBytes).toBeLessThan(300 * 1024);
  });

  it('malformed JSON gets 400', async () => {
    const response = await t.raw({ method: 'POST', headers: JSON_HEADERS, body: '{"query":' });
    expect(response.status).toBe(400);
    expect(singleError(response)).toEqual({
      message: expect.stringMatching(/^The request body is not valid JSON: /),
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['application/xml', '<query/>', '"application/xml"'],
    ['text/plain', QUERY_BODY, '"text/plain"'],
    ['application/x-www-form-urlencoded', 'query=%7B%20__typename%20%7D', '"application/x-www-form-urlencoded"'],
    ['multipart/form-data; boundary=x', '--x--', '"multipart/form-data; boundary=x"'],
    ['application/json-seq', QUERY_BODY, '"application/json-seq"'],
  ])('Content-Type %s gets 415', async (contentType, body, echoed) => {
    const preflights: Record<string, string>[] = [{}, { 'apollo-require-preflight': '1' }];
    for (const preflight of preflights) {
      const response = await t.raw({ method: 'POST', headers: { ...AUTH, ...preflight, 'content-type': contentType }, body });
      expect(response.status).toBe(415);
      expect(singleError(response)).toEqual({
        message: `POST /graphql accepts JSON only, and the request has Content-Type ${echoed}. Send the operation as a JSON object with "Content-Type: application/json".`,
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      });
    }
  });

  it('a POST without Content-Type gets 415', async () => {
    const response = await t.raw({ method: 'POST', headers: AUTH, body: QUERY_BODY });
    expect(response.status).toBe(415);
    expect(singleError(response).message).toContain('the request has no Content-Type');
  });

  it('accepts JSON with parameters and +json types', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/graphql+json']) {
      const response = await t.raw({ method: 'POST', headers: { ...AUTH, 'content-type': contentType }, body: QUERY_BODY });
      expect(response.status, contentType).toBe(200);
    }
  });

  it('a declared body over the limit gets 413', async () => {
    const body = Buffer.alloc(t.gateway.bodyLimitBytes + 1, 0x20);
    const response = await t.raw({ method: 'POST', headers: JSON_HEADERS, body });
    expect(response.status).toBe(413);
    expect(singleError(response)).toEqual({
      message: `The request body exceeds the limit of ${t.gateway.bodyLimitBytes} bytes. Send smaller reference media; the per-input limits are listed in "capabilities" (maxBytes).`,
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(response.headers.connection).toBe('close');
  });

  it('a streamed body over the limit gets 413', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const chunks = Math.ceil(t.gateway.bodyLimitBytes / chunk.length) + 2;
    const response = await request(`${t.url}/graphql`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: Readable.from((function* () {
        for (let index = 0; index < chunks; index++) {
          yield chunk;
        }
      })()),
    });
    const text = await response.body.text();
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(response.statusCode).toBe(413);
    expect(singleError({ status: response.statusCode, headers: response.headers, text }).extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an empty body gets 400', async () => {
    const response = await t.raw({ method: 'POST', headers: JSON_HEADERS });
    expect(response.status).toBe(400);
    expect(singleError(response)).toEqual({
      message: 'The request body is empty. Send a JSON object such as {"query": "{ capabilities { path } }"}.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it.each([
    ['a number', '42', 'The request body is JSON of type number; send a JSON object such as {"query": "{ capabilities { path } }"}.'],
    ['null', 'null', 'The request body is JSON null; send a JSON object such as {"query": "{ capabilities { path } }"}.'],
  ])('a JSON body that is %s gets 400', async (_label, body, message) => {
    const response = await t.raw({ method: 'POST', headers: JSON_HEADERS, body });
    expect(response.status).toBe(400);
    expect(singleError(response)).toEqual({ message, extensions: { code: 'BAD_REQUEST' } });
  });

  it('a batch gets 400', async () => {
    const response = await t.raw({ method: 'POST', headers: JSON_HEADERS, body: `[${QUERY_BODY},${QUERY_BODY}]` });
    expect(response.status).toBe(400);
    expect(singleError(response)).toEqual({
      message: 'The request body is a JSON array, a batch of operations, and batching is not supported. Send one operation per request as a JSON object.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('an object without a query gets 400', async () => {
    const response = await t.raw({ method: 'POST', headers: JSON_HEADERS, body: '{}' });
    expect(response.status).toBe(400);
    expect(singleError(response).extensions.code).toBe('BAD_REQUEST');
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('%s gets 405', async (method) => {
    const response = await t.raw({ method, headers: JSON_HEADERS, body: method === 'DELETE' ? undefined : QUERY_BODY });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
    expect(singleError(response)).toEqual({
      message: `Method ${method} is not allowed on /graphql; use POST (or GET for queries).`,
      extensions: { code: 'METHOD_NOT_ALLOWED' },
    });
  });

  it('an unknown route gets 404', async () => {
    for (const headers of [AUTH, {}]) {
      const response = await t.raw({ path: '/graphiql', headers });
      expect(response.status).toBe(404);
      expect(singleError(response)).toEqual({
        message: 'No route for GET /graphiql. GraphQL is served at /graphql.',
        extensions: { code: 'NOT_FOUND' },
      });
    }
  });

  describe('CSRF prevention', () => {
    const getPath = `/graphql?query=${encodeURIComponent('{ capabilities { path } }')}`;

    it('rejects a GET without a preflight header', async () => {
      const response = await t.raw({ path: getPath, headers: AUTH });
      expect(response.status).toBe(400);
      const error = singleError(response);
      expect(error.extensions.code).toBe('BAD_REQUEST');
      expect(error.message).toContain('Cross-Site Request Forgery');
    });

    it('serves a GET query with a preflight header', async () => {
      const preflights: Record<string, string>[] = [{ 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'Capabilities' }];
      for (const preflight of preflights) {
        const response = await t.raw({ path: getPath, headers: { ...AUTH, ...preflight } });
        expect(response.status).toBe(200);
        expect(JSON.parse(response.text).data.capabilities).toHaveLength(12);
      }
    });

    it('never runs a mutation over GET', async () => {
      const postsBefore = t.emulator.countPosts();
      const mutation = `mutation { createGeneration(input: { endpoint: "/seedvr2", inputs: { image: "${samplePng(8, 8).toString('base64')}" } }) { generation { id } } }`;
      const response = await t.raw({ path: `/graphql?query=${encodeURIComponent(mutation)}`, headers: { ...AUTH, 'apollo-require-preflight': '1' } });
      expect(response.status).toBe(405);
      expect(singleError(response)).toEqual({
        message: 'GET requests only support query operations, not mutation operations',
        extensions: { code: 'BAD_REQUEST' },
      });
      const listed = await t.gql('client', '{ generations { nodes { id } } }');
      expect(listed.body.data.generations.nodes).toEqual([]);
      expect(t.emulator.countPosts()).toBe(postsBefore);
    });
  });

  describe('GraphQL over HTTP audit', () => {
    const runAudits = async (extraHeaders: Record<string, string>): Promise<{ id: string; name: string; result: AuditResult }[]> => {
      const fetchFn = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
        const headers = new Headers(init.headers);
        headers.set('authorization', AUTH.authorization);
        for (const [name, value] of Object.entries(extraHeaders)) {
          headers.set(name, value);
        }
        return fetch(input, { ...init, headers });
      };
      const results = [];
      for (const audit of serverAudits({ url: `${t.url}/graphql`, fetchFn })) {
        results.push({ id: audit.id, name: audit.name, result: await audit.fn() });
      }
      return results;
    };

    it('passes every MUST and SHOULD audit', async () => {
      const results = await runAudits({});
      expect(results.length).toBeGreaterThan(50);
      const failedMust = results.filter(({ name, result }) => name.startsWith('MUST') && result.status !== 'ok');
      expect(failedMust.map(({ id, name, result }) => `${id} ${name}: ${result.status}`)).toEqual([]);
      const notOk = results.filter(({ result }) => result.status !== 'ok').map(({ id, name, result }) => ({ id, status: result.status, name }));
      // The three MAY notices are GETs without a preflight header, which CSRF prevention rejects.
      expect(notOk).toEqual(EXPECTED_NOTICES);
    });

    it('passes the GET audits with a preflight header', async () => {
      const results = await runAudits({ 'apollo-require-preflight': 'true' });
      const notOk = results.filter(({ result }) => result.status !== 'ok').map(({ id, result }) => `${id} ${result.status}`);
      expect(notOk).toEqual([]);
    });
  });
});
