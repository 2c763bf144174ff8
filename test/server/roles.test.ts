/**
 * The two roles over real HTTP: authentication, the client's form-building view of the primary
 * endpoints, the internal namespace with tier explanations, and tier overrides from a catalog
 * file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { samplePng } from '../../src/emulator/samples/index.js';
import { createLogger } from '../../src/gateway.js';
import {
  CLIENT_KEY,
  CREATE_MUTATION,
  INTERNAL_KEY,
  OTHER_CLIENT_KEY,
  REPO_ROOT,
  startTestGateway,
  type TestGateway,
} from '../support/gateway-harness.js';
import { PRIMARY_PATHS } from './namespace.js';

interface CatalogInput {
  name: string;
  type: string;
  role: string;
  required: boolean;
  description?: string;
  default?: unknown;
  min?: unknown;
  max?: unknown;
  maxLength?: number;
  enum?: string[];
  media?: 'IMAGE' | 'VIDEO';
  accept?: string[];
  minItems?: number;
  maxItems?: number;
}

interface CatalogFileView {
  endpoints: { path: string; purpose: string; modality: string; inputs: CatalogInput[]; response: { mediaType: string }; notes: string[] }[];
  removedEndpoints: { path: string; reason: string; alternative: string }[];
  lifecycle: { path: string; status: string; reason: string; preferred?: string }[];
  tierOverrides: { path: string; tier: string; reason: string }[];
  mappings: { endpoint: string; workflow: string | null; relation: string; action: string; note: string }[];
  gapSummary: { key: string; title: string; endpoints: string[]; action: string }[];
}

const CATALOG_PATH = path.join(REPO_ROOT, 'catalog/catalog.json');
const catalogFile = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogFileView;
const MIB = 1024 * 1024;
/** MAX_IMAGE_BYTES and MAX_VIDEO_BYTES when unset. */
const DEFAULT_MAX_BYTES = { IMAGE: 20 * MIB, VIDEO: 50 * MIB };

const INPUT_FIELDS = 'name type role required description default min max maxLength allowedValues isReference isLora media acceptedMediaTypes maxBytes minItems maxItems';
const ENDPOINT_FIELDS = `path purpose modality classification tier referenceInputs loraInputs output { mediaType } inputs { ${INPUT_FIELDS} }`;

/**
 * Restates the form description of a catalog input from the raw catalog JSON. Seeds are 64-bit,
 * so their default and bounds are decimal strings; other integers are numbers.
 */
function expectedInput(input: CatalogInput): Record<string, unknown> {
  const isMedia = input.type === 'media' || input.type === 'media_list';
  const numeric = (value: unknown): unknown => {
    if (value === undefined) {
      return null;
    }
    if (input.type === 'integer') {
      return input.role === 'seed' ? String(value) : Number(value);
    }
    return value;
  };
  return {
    name: input.name,
    type: input.type.toUpperCase(),
    role: input.role.toUpperCase(),
    required: input.required,
    description: input.description ?? null,
    default: numeric(input.default),
    min: numeric(input.min),
    max: numeric(input.max),
    maxLength: input.maxLength ?? null,
    allowedValues: input.enum ?? null,
    isReference: input.role === 'reference' && isMedia,
    isLora: input.role === 'lora',
    media: isMedia ? input.media : null,
    acceptedMediaTypes: isMedia ? input.accept : null,
    maxBytes: isMedia ? DEFAULT_MAX_BYTES[input.media!] : null,
    minItems: input.type === 'media_list' ? input.minItems : null,
    maxItems: input.type === 'media_list' || input.type === 'string_list' ? (input.maxItems ?? null) : null,
  };
}

function expectedEndpoint(endpointPath: string): Record<string, unknown> {
  const endpoint = catalogFile.endpoints.find((candidate) => candidate.path === endpointPath)!;
  const referenceInputs = endpoint.inputs.filter((input) => input.role === 'reference' && input.type.startsWith('media')).map((input) => input.name);
  const loraInputs = endpoint.inputs.filter((input) => input.role === 'lora').map((input) => input.name);
  let classification = 'LORA';
  if (referenceInputs.length > 0) {
    classification = loraInputs.length > 0 ? 'REFERENCE_AND_LORA' : 'REFERENCE';
  }
  return {
    path: endpoint.path,
    purpose: endpoint.purpose,
    modality: endpoint.modality,
    classification,
    tier: 'PRIMARY',
    referenceInputs,
    loraInputs,
    output: { mediaType: endpoint.response.mediaType },
    inputs: endpoint.inputs.map(expectedInput),
  };
}

const UNAUTHENTICATED_BODY = {
  errors: [{ message: 'Missing or unknown API key. Send the header "Authorization: Bearer <key>".', extensions: { code: 'UNAUTHENTICATED' } }],
};

describe('roles', () => {
  let t: TestGateway;
  const logLines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    });
    t = await startTestGateway({ gateway: { logger: createLogger('trace', destination) } });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('authentication', () => {
    const query = JSON.stringify({ query: '{ capabilities { path } }' });
    const cases: [string, Record<string, string>][] = [
      ['no header', {}],
      ['unknown key', { authorization: 'Bearer not-a-configured-key-0123456789' }],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['basic scheme', { authorization: `Basic ${CLIENT_KEY}` }],
      ['key without scheme', { authorization: CLIENT_KEY }],
      ['key with a suffix', { authorization: `Bearer ${CLIENT_KEY}x` }],
      ['two tokens', { authorization: `Bearer ${CLIENT_KEY} ${INTERNAL_KEY}` }],
    ];

    it.each(cases)('%s gets 401 with only UNAUTHENTICATED', async (_label, headers) => {
      const response = await t.raw({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: query });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text)).toEqual(UNAUTHENTICATED_BODY);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('rejects GET and artifact requests without a key alike', async () => {
      const get = await t.raw({ path: `/graphql?query=${encodeURIComponent('{ capabilities { path } }')}`, headers: { 'apollo-require-preflight': '1' } });
      expect(get.status).toBe(401);
      expect(JSON.parse(get.text)).toEqual(UNAUTHENTICATED_BODY);
      const artifact = await t.raw({ path: `/artifacts/art_${'0'.repeat(32)}` });
      expect(artifact.status).toBe(401);
      expect(JSON.parse(artifact.text)).toEqual(UNAUTHENTICATED_BODY);
    });

    it('accepts the scheme in any case', async () => {
      const response = await t.raw({
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `bearer ${CLIENT_KEY}` },
        body: query,
      });
      expect(response.status).toBe(200);
    });
  });

  describe('client view', () => {
    it('capabilities list exactly the primary endpoints with their forms', async () => {
      const response = await t.gql('client', `{ capabilities { ${ENDPOINT_FIELDS} } }`);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      const capabilities = response.body.data.capabilities as { path: string }[];
      expect(capabilities.map((endpoint) => endpoint.path)).toEqual(PRIMARY_PATHS);
      for (const endpoint of capabilities) {
        expect(endpoint, endpoint.path).toEqual(expectedEndpoint(endpoint.path));
      }
    });

    it('capabilities carry what a form needs', async () => {
      const response = await t.gql('client', `{ capabilities { ${ENDPOINT_FIELDS} } }`);
      const byPath = new Map((response.body.data.capabilities as { path: string; inputs: { name: string }[] }[]).map((endpoint) => [endpoint.path, endpoint]));
      const input = (endpointPath: string, name: string): Record<string, unknown> | undefined =>
        byPath.get(endpointPath)?.inputs.find((candidate) => candidate.name === name);

      expect(input('/flux-pulid', 'seed')).toMatchObject({ type: 'INTEGER', role: 'SEED', min: '0', max: '18446744073709551615' });
      expect(input('/seedvr2', 'seed')).toMatchObject({ default: '4105349922', min: '0', max: '18446744073709551615' });
      expect(input('/seedvr2', 'resolution')).toMatchObject({ type: 'INTEGER', default: 1080, min: 256, max: 4000 });
      expect(input('/flux-pulid', 'reference_image')).toMatchObject({
        type: 'MEDIA',
        isReference: true,
        isLora: false,
        media: 'IMAGE',
        maxBytes: 20 * MIB,
        required: true,
      });
      expect(input('/qwen-image-2512-lora', 'aspect_ratio')?.allowedValues).toEqual(['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3']);
      expect(input('/flux-dev-lora', 'lora_id')).toMatchObject({ type: 'STRING', isLora: true, isReference: false });
      expect(input('/wan2.6-r2v', 'reference_videos')).toMatchObject({ type: 'MEDIA_LIST', media: 'VIDEO', maxBytes: 50 * MIB, isReference: true });
      expect(byPath.get('/video-faceswap')).toMatchObject({ modality: 'VIDEO', output: { mediaType: 'video/mp4' }, classification: 'REFERENCE' });
      expect(byPath.get('/wan2.6-lora')).toMatchObject({ modality: 'VIDEO', output: { mediaType: 'image/webp' }, classification: 'LORA' });
    });

    it('capability returns one primary endpoint', async () => {
      for (const endpointPath of PRIMARY_PATHS) {
        const response = await t.gql('client', `query ($path: String!) { capability(path: $path) { ${ENDPOINT_FIELDS} } }`, { path: endpointPath });
        expect(response.body, endpointPath).toEqual({ data: { capability: expectedEndpoint(endpointPath) } });
      }
    });

    it('supporting, removed, deprioritised and unknown paths give the same NOT_FOUND', async () => {
      const query = 'query ($path: String!) { capability(path: $path) { path } }';
      const unknown = await t.gql('client', query, { path: '/no-such-endpoint' });
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual({
        errors: [
          {
            message: 'No endpoint "/no-such-endpoint" is available. Query "capabilities" for the endpoints you can call.',
            locations: [{ line: 1, column: 26 }],
            path: ['capability'],
            extensions: { code: 'NOT_FOUND' },
          },
        ],
        data: null,
      });
      for (const hiddenPath of ['/flux', '/wan2.6', '/sdxl-lightning', '/wan2', '/z-image-pulid']) {
        const response = await t.gql('client', query, { path: hiddenPath });
        expect(response.status, hiddenPath).toBe(unknown.status);
        expect(response.text, hiddenPath).toBe(unknown.text.replaceAll('/no-such-endpoint', hiddenPath));
      }
    });
  });

  describe('internal view', () => {
    const INTERNAL_QUERY = /* GraphQL */ `{
      internal {
        endpoints {
          path tier tierReason notes
          tierExplanation { tier derivedTier classification decidingInputs override { tier reason } reason }
          lifecycle { status reason preferred }
        }
        mappings { endpoint workflowSlug relation action note }
        gapSummary { key title endpoints action }
        workflows { slug available }
        removedEndpoints { path reason alternative }
      }
    }`;

    it('lists every endpoint with its tier and the inputs that decided it', async () => {
      const response = await t.gql('internal', INTERNAL_QUERY);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      const { endpoints } = response.body.data.internal as { endpoints: { path: string; tier: string; notes: string[]; tierExplanation: Record<string, unknown> }[] };
      expect(endpoints.map((endpoint) => endpoint.path)).toEqual(catalogFile.endpoints.map((endpoint) => endpoint.path));
      expect(endpoints.filter((endpoint) => endpoint.tier === 'PRIMARY').map((endpoint) => endpoint.path)).toEqual(PRIMARY_PATHS);
      for (const endpoint of endpoints) {
        expect(endpoint.notes, endpoint.path).toEqual(catalogFile.endpoints.find((candidate) => candidate.path === endpoint.path)!.notes);
      }

      const byPath = new Map(endpoints.map((endpoint) => [endpoint.path, endpoint]));
      expect(byPath.get('/flux-pulid')).toMatchObject({
        tierReason: 'Primary because it declares reference input "reference_image".',
        tierExplanation: {
          tier: 'PRIMARY',
          derivedTier: 'PRIMARY',
          classification: 'REFERENCE',
          decidingInputs: ['reference_image'],
          override: null,
          reason: 'Primary because it declares reference input "reference_image".',
        },
      });
      expect(byPath.get('/flux-dev-lora')?.tierExplanation).toMatchObject({ classification: 'LORA', decidingInputs: ['lora_id', 'lora_name'] });
      expect(byPath.get('/video-faceswap')?.tierExplanation).toMatchObject({ decidingInputs: ['source_video', 'reference_image'] });
      expect(byPath.get('/flux')).toMatchObject({
        tier: 'SUPPORTING',
        tierExplanation: { tier: 'SUPPORTING', derivedTier: 'SUPPORTING', classification: 'NEITHER', decidingInputs: [], override: null },
      });
      expect(byPath.get('/sdxl-lightning')).toMatchObject({
        lifecycle: { status: 'DEPRIORITISED', reason: 'Distorted output in testing.', preferred: '/sdxl-turbo' },
      });
      expect(byPath.get('/seedvr2')).toMatchObject({ lifecycle: { status: 'ACTIVE' } });
    });

    it('returns mappings, gap summary, workflows and removed endpoints', async () => {
      const response = await t.gql('internal', INTERNAL_QUERY);
      const internal = response.body.data.internal;
      expect(internal.removedEndpoints).toEqual(catalogFile.removedEndpoints);
      expect(internal.gapSummary).toEqual(catalogFile.gapSummary);
      expect(internal.mappings).toEqual(
        catalogFile.mappings.map((mapping) => ({
          endpoint: mapping.endpoint,
          workflowSlug: mapping.workflow,
          relation: mapping.relation,
          action: mapping.action,
          note: mapping.note,
        })),
      );
      expect(internal.workflows.length).toBeGreaterThan(0);
      expect(internal.workflows.every((workflow: { slug: string }) => workflow.slug.length > 0)).toBe(true);
    });
  });

  describe('API keys', () => {
    it('never appear in logs or responses', async () => {
      const wrongKey = 'wrong-key-that-must-not-be-logged-42';
      const responses = [
        await t.gql('client', '{ capabilities { path } }'),
        await t.gql('internal', '{ internal { endpoints { path } } }'),
        await t.gql('client', '{ internal { endpoints { path } } }'),
        await t.raw({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${wrongKey}` }, body: '{"query":"{ __typename }"}' }),
        await t.raw({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` }, body: '{"query":' }),
      ];
      const created = await t.gql('other', CREATE_MUTATION, {
        input: { endpoint: '/seedvr2', inputs: { image: samplePng(32, 32).toString('base64') } },
      });
      await t.waitForGeneration(created.body.data.createGeneration.generation.id);
      responses.push(created, await t.gql('internal', `{ generations { nodes { id ownerId } } }`));

      const log = logLines.join('');
      expect(logLines.length).toBeGreaterThan(5);
      expect(log).toContain('"msg":"request finished"');
      expect(log).toContain('"role":"internal"');
      for (const key of [CLIENT_KEY, OTHER_CLIENT_KEY, INTERNAL_KEY, wrongKey]) {
        expect(log).not.toContain(key);
        for (const response of responses) {
          expect(response.text).not.toContain(key);
        }
      }
      expect(log).not.toMatch(/bearer/i);
    });
  });
});

describe('tier override from the catalog file', () => {
  let t: TestGateway;
  const overrideReason = 'Plain Flux is offered in the app for the launch campaign.';
  const demoteReason = 'Upscaling runs only behind the internal tools for now.';

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gateway-override-'));
    const file = path.join(dir, 'catalog.json');
    const raw = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogFileView;
    raw.tierOverrides = [
      { path: '/flux', tier: 'PRIMARY', reason: overrideReason },
      { path: '/seedvr2', tier: 'SUPPORTING', reason: demoteReason },
    ];
    writeFileSync(file, JSON.stringify(raw));
    t = await startTestGateway({ env: { CATALOG_PATH: file }, gateway: { catalog: undefined } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('explains the override and its reason', async () => {
    const response = await t.gql(
      'internal',
      '{ internal { endpoints { path tier tierReason tierExplanation { tier derivedTier classification decidingInputs override { tier reason } reason } } } }',
    );
    const byPath = new Map((response.body.data.internal.endpoints as { path: string }[]).map((endpoint) => [endpoint.path, endpoint]));
    expect(byPath.get('/flux')).toEqual({
      path: '/flux',
      tier: 'PRIMARY',
      tierReason: expect.stringContaining(overrideReason),
      tierExplanation: {
        tier: 'PRIMARY',
        derivedTier: 'SUPPORTING',
        classification: 'NEITHER',
        decidingInputs: [],
        override: { tier: 'PRIMARY', reason: overrideReason },
        reason: expect.stringContaining(overrideReason),
      },
    });
    expect(byPath.get('/seedvr2')).toMatchObject({
      tier: 'SUPPORTING',
      tierExplanation: { derivedTier: 'PRIMARY', decidingInputs: ['image'], override: { tier: 'SUPPORTING', reason: demoteReason } },
    });
  });

  it('changes what a client sees and may call', async () => {
    const capabilities = await t.gql('client', '{ capabilities { path } }');
    const paths = capabilities.body.data.capabilities.map((endpoint: { path: string }) => endpoint.path);
    expect(paths).toContain('/flux');
    expect(paths).not.toContain('/seedvr2');
    expect(paths).toHaveLength(12);

    const query = 'query ($path: String!) { capability(path: $path) { path } }';
    const demoted = await t.gql('client', query, { path: '/seedvr2' });
    const unknown = await t.gql('client', query, { path: '/zzzzzzz' });
    expect(demoted.text).toBe(unknown.text.replaceAll('/zzzzzzz', '/seedvr2'));

    const created = await t.gql('client', CREATE_MUTATION, { input: { endpoint: '/flux', inputs: { prompt: 'a red fox' } } });
    expect(created.body.data.createGeneration.userErrors).toEqual([]);
    expect(created.body.data.createGeneration.generation).toMatchObject({ endpoint: '/flux' });
    await t.waitForGeneration(created.body.data.createGeneration.generation.id);
  });
});
