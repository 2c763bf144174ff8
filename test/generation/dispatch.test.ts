/**
 * Dispatch over HTTP against the emulator: 303 result URLs, retries only before a job can have
 * started, every emulator fault, and the stored results (media type from the bytes, size, cost,
 * download over HTTP with ownership).
 */
import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { keyFor, startTestGateway, type Role, type TestGateway } from '../support/gateway-harness.js';
import { CLIENT_GENERATION_QUERY, MP4_BASE64, PNG_BASE64, createAccepted, freePort, waitUntil } from './helpers.js';

const GENEROUS_LIMITS = { GENERATIONS_PER_MINUTE: '1000', MAX_IN_FLIGHT_PER_KEY: '100' };
/** The emulator's price per GPU second, from src/emulator/render-output.ts. */
const EMULATED_USD_PER_GPU_SECOND = 0.000542;
const STALL_TIMEOUT_MS = 400;

let t: TestGateway;
let unreachable: TestGateway;

beforeAll(async () => {
  const closedPort = await freePort();
  [t, unreachable] = await Promise.all([
    startTestGateway({
      env: GENEROUS_LIMITS,
      emulator: { jobMs: 20, requestCapMs: 100 },
      gateway: { upstream: { retryBaseDelayMs: 20, stallTimeoutMs: STALL_TIMEOUT_MS } },
    }),
    startTestGateway({ env: { ...GENEROUS_LIMITS, MODAL_ORIGIN_OVERRIDE: `http://127.0.0.1:${closedPort}` } }),
  ]);
});

afterAll(async () => {
  await Promise.all([t.close(), unreachable.close()]);
});

const PULID = { prompt: 'portrait', reference_image: PNG_BASE64 };

function jobsFor(gateway: TestGateway, path: string): number {
  return gateway.emulator.jobs.filter((job) => job.path === path).length;
}

/** Runs one /flux-pulid generation under `fault` and returns it as the internal role reads it. */
async function runWithFault(fault: Parameters<TestGateway['emulator']['setFault']>[1], inputs: Record<string, unknown> = PULID): Promise<any> {
  t.emulator.setFault('/flux-pulid', fault);
  try {
    const id = await createAccepted(t, 'client', '/flux-pulid', inputs);
    return await t.waitForGeneration(id);
  } finally {
    t.emulator.clearFaults('/flux-pulid');
  }
}

describe('303 result URLs', () => {
  it('follows forced self-redirect hops', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ redirectHops: 4 });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.hops).toBe(4);
    expect(done.upstreamPosts).toBe(1);
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });

  it('outlives several request caps', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    // The job lasts eight request caps, so even a slow machine gets at least three 303s.
    const done = await runWithFault({ jobMs: 800 });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.hops).toBeGreaterThanOrEqual(3);
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
    expect(done.resultUrl).toMatch(new RegExp(`^${t.emulator.url}/flux-pulid\\?__modal_function_call_id=fc-`));
  });

  it('stores the result URL while RUNNING', async () => {
    t.emulator.setFault('/flux-pulid', { jobMs: 500 });
    const id = await createAccepted(t, 'client', '/flux-pulid', PULID);
    const running = await t.waitForGeneration(id, (generation) => generation.resultUrl !== null);
    expect(running.status).toBe('RUNNING');
    expect(running.resultUrl).toMatch(/__modal_function_call_id=fc-/);
    expect(running.statusReason).toBe('Accepted by Modal; waiting on its result URL.');

    // The client schema has no resultUrl field at all.
    const asClient = await t.gql('client', 'query($id: ID!) { generation(id: $id) { resultUrl } }', { id });
    expect(asClient.status).toBe(400);
    expect(asClient.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    expect((await t.waitForGeneration(id)).status).toBe('SUCCEEDED');
    t.emulator.clearFaults('/flux-pulid');
  });
});

describe('retries', () => {
  it.each([503, 429])('retries a platform %i before acceptance', async (status) => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const jobsBefore = jobsFor(t, '/flux-pulid');
    const done = await runWithFault({ rejectBeforeAccept: { status, count: 2 } });
    expect(done.status).toBe('SUCCEEDED');
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(3);
    expect(jobsFor(t, '/flux-pulid') - jobsBefore).toBe(1);
  });

  it('gives up on a refused connection as UPSTREAM_UNREACHABLE', async () => {
    const id = await createAccepted(unreachable, 'client', '/flux-pulid', PULID);
    const done = await unreachable.waitForGeneration(id);
    expect(done.status).toBe('FAILED');
    expect(done.error.code).toBe('UPSTREAM_UNREACHABLE');
    expect(done.error.message).toBe(`The endpoint could not be reached; no job was started. (generation ${id})`);
    expect(done.statusReason).toBe('The endpoint could not be reached after 4 attempt(s); no job was started.');
    expect(done.resultUrl).toBeNull();
  });

  it('does not retry an app error', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ errorStatus: 500, errorShape: 'error_details_type', errorMessage: 'CUDA out of memory' });
    expect(done.status).toBe('FAILED');
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });

  it('does not retry an app 503 in the app’s JSON shape', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ errorStatus: 503, errorShape: 'error_details_type', errorMessage: 'ComfyUI is not ready' });
    expect(done.status).toBe('FAILED');
    expect(done.error.upstreamStatus).toBe(503);
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });
});

describe('emulator faults', () => {
  it('succeeds through latency', async () => {
    const done = await runWithFault({ latencyMs: 250 });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.upstreamLatencyMs).toBeGreaterThanOrEqual(250);
  });

  it('succeeds through briefly stalled headers', async () => {
    const done = await runWithFault({ stallHeadersMs: 150 });
    expect(done.status).toBe('SUCCEEDED');
  });

  it('fails headers stalled past the timeout', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ stallHeadersMs: STALL_TIMEOUT_MS + 600 });
    expect(done.status).toBe('FAILED');
    expect(done.error.code).toBe('UPSTREAM_HEADERS_TIMEOUT');
    expect(done.statusReason).toBe('The endpoint sent no response in time. It was not sent again, because a GPU job may have started.');
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });

  it('succeeds through a briefly stalled body', async () => {
    const done = await runWithFault({ stallBodyMs: 150 });
    expect(done.status).toBe('SUCCEEDED');
    const download = await t.raw({ path: done.artifacts[0].url, headers: { authorization: `Bearer ${keyFor('internal')}` } });
    expect(createHash('sha256').update(download.body).digest('hex')).toBe(done.artifacts[0].sha256);
    expect(download.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('fails a body stalled past the timeout', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ stallBodyMs: STALL_TIMEOUT_MS + 600 });
    expect(done.status).toBe('FAILED');
    expect(done.error.code).toBe('UPSTREAM_BODY_TIMEOUT');
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });

  it('fails a truncated body', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ truncateBody: true });
    expect(done.status).toBe('FAILED');
    expect(done.error.code).toBe('UPSTREAM_TRUNCATED');
    expect(done.artifacts).toEqual([]);
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });

  it('polls again after a truncated result', async () => {
    t.emulator.setFault('/flux-pulid', { jobMs: 600 });
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const id = await createAccepted(t, 'client', '/flux-pulid', PULID);
    const accepted = await t.waitForGeneration(id, (generation) => generation.resultUrl !== null);
    const acceptedCallId = new URL(accepted.resultUrl).searchParams.get('__modal_function_call_id');
    // GETs that arrive from now on get half the body when the job ends. The emulator reads the
    // fault when a request arrives, so clearing it after the job ended spares only later GETs.
    t.emulator.setFault('/flux-pulid', { truncateBody: true });
    await waitUntil('the job to end', () => t.emulator.jobs.find((job) => job.callId === acceptedCallId)?.state !== 'running');
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.emulator.clearFaults('/flux-pulid');

    const done = await t.waitForGeneration(id);
    expect(done.status).toBe('SUCCEEDED');
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);

    // The GET that waited for the job got the cut body, so another GET followed the job's end.
    const callId = new URL(done.resultUrl).searchParams.get('__modal_function_call_id');
    const job = t.emulator.jobs.find((candidate) => candidate.callId === callId)!;
    const getsAfterJob = t.emulator.requests.filter(
      (request) => request.method === 'GET' && request.query.__modal_function_call_id === callId && request.receivedAt >= job.finishedAt!,
    );
    expect(getsAfterJob.length).toBeGreaterThanOrEqual(1);
  });

  it('fails a reset connection', async () => {
    const postsBefore = t.emulator.countPosts('/flux-pulid');
    const done = await runWithFault({ resetConnection: true });
    expect(done.status).toBe('FAILED');
    expect(done.error.code).toBe('UPSTREAM_CONNECTION_RESET');
    expect(t.emulator.countPosts('/flux-pulid') - postsBefore).toBe(1);
  });

  const shapes = [
    { shape: 'detail', status: 400, detail: 'No face detected in the reference image' },
    { shape: 'detail_list', status: 422, detail: '[{"loc":["body"],"msg":"No face detected in the reference image","type":"value_error"}]' },
    { shape: 'error_details_type', status: 500, detail: 'RuntimeError: No face detected in the reference image' },
    { shape: 'text', status: 500, detail: 'No face detected in the reference image' },
  ] as const;

  it.each(shapes)('normalises a $status error in the $shape shape', async ({ shape, status, detail }) => {
    const message = 'No face detected in the reference image';
    const done = await runWithFault({ errorStatus: status, errorShape: shape, errorMessage: message });
    const id = done.id as string;

    expect(done.status).toBe('FAILED');
    expect(done.statusReason).toBe('The endpoint rejected the request or failed while running it.');
    expect(done.error.code).toBe('UPSTREAM_ERROR');
    expect(done.error.message).toBe(`The endpoint failed to produce an output. (generation ${id})`);
    expect(done.error.upstreamStatus).toBe(status);
    expect(done.error.upstreamDetail).toContain(`returned HTTP ${status} for /flux-pulid`);
    expect(done.error.upstreamDetail).toContain(detail);

    const asClient = await t.gql('client', CLIENT_GENERATION_QUERY, { id });
    expect(asClient.body.data.generation.error).toEqual({ code: 'UPSTREAM_ERROR', message: `The endpoint failed to produce an output. (generation ${id})` });
    expect(asClient.text).not.toContain('No face detected');
    expect(asClient.text).not.toContain(String(status));

    const clientAskingForDetail = await t.gql('client', 'query($id: ID!) { generation(id: $id) { error { upstreamStatus upstreamDetail } } }', { id });
    expect(clientAskingForDetail.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(clientAskingForDetail.text).not.toContain('No face detected');
  });
});

describe('results', () => {
  it('stores mislabelled PNG as image/png', async () => {
    const done = await runWithFault({ jobMs: 30 }, { ...PULID, width: 96, height: 64 });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.artifacts).toHaveLength(1);
    const artifact = done.artifacts[0];
    expect(artifact.mediaType).toBe('image/png');
    expect(artifact.declaredContentType).toBe('image/jpeg');
    expect(artifact.width).toBe(96);
    expect(artifact.height).toBe(64);
    expect(artifact.url).toBe(`/artifacts/${artifact.id}`);
    expect(done.cost).toEqual({ usd: Number((0.03 * EMULATED_USD_PER_GPU_SECOND).toFixed(6)), executionTimeSeconds: 0.03, gpuType: 'L40S' });
  });

  it('stores WebP, MP4 and JPEG outputs by their bytes', async () => {
    const wan = await createAccepted(t, 'client', '/wan2.6-lora', { prompt: 'a wave', lora_id: '3', width: 80, height: 64, length: 3 });
    const swap = await createAccepted(t, 'client', '/video-faceswap', { source_video: MP4_BASE64, reference_image: PNG_BASE64 });
    const inpaint = await createAccepted(t, 'client', '/qwen-image-inpaint-2511', { source_image: PNG_BASE64, mask_image: PNG_BASE64, prompt: 'a hat' });
    const [wanDone, swapDone, inpaintDone] = await Promise.all([wan, swap, inpaint].map((id) => t.waitForGeneration(id)));

    expect(wanDone.status).toBe('SUCCEEDED');
    expect(wanDone.artifacts[0]).toMatchObject({ mediaType: 'image/webp', declaredContentType: 'image/webp', width: 80, height: 64 });
    expect(swapDone.status).toBe('SUCCEEDED');
    expect(swapDone.artifacts[0]).toMatchObject({ mediaType: 'video/mp4', declaredContentType: 'video/mp4' });
    expect(inpaintDone.status).toBe('SUCCEEDED');
    expect(inpaintDone.artifacts[0]).toMatchObject({ mediaType: 'image/jpeg', declaredContentType: 'image/jpeg', width: 16, height: 12 });

    for (const [done, mediaType] of [
      [wanDone, 'image/webp'],
      [swapDone, 'video/mp4'],
      [inpaintDone, 'image/jpeg'],
    ] as const) {
      const download = await t.raw({ path: done.artifacts[0].url, headers: { authorization: `Bearer ${keyFor('client')}` } });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe(mediaType);
      expect(createHash('sha256').update(download.body).digest('hex')).toBe(done.artifacts[0].sha256);
    }
  });

  it('leaves cost null without cost headers', async () => {
    const id = await createAccepted(t, 'internal', '/sdxl-turbo', { prompt: 'a tree', width: 64, height: 64 });
    const done = await t.waitForGeneration(id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.cost).toBeNull();
  });

  it('serves artifacts to owner and internal role', async () => {
    const done = await runWithFault({ jobMs: 20 });
    const artifact = done.artifacts[0];

    for (const role of ['client', 'internal'] as Role[]) {
      const download = await t.raw({ path: artifact.url, headers: { authorization: `Bearer ${keyFor(role)}` } });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.body.length).toBe(artifact.byteSize);
      expect(createHash('sha256').update(download.body).digest('hex')).toBe(artifact.sha256);
    }

    const other = await t.raw({ path: artifact.url, headers: { authorization: `Bearer ${keyFor('other')}` } });
    const missing = await t.raw({ path: '/artifacts/art_00000000000000000000000000000000', headers: { authorization: `Bearer ${keyFor('other')}` } });
    expect(other.status).toBe(404);
    expect(other.text).toBe(missing.text);
    expect(JSON.parse(other.text).errors[0].extensions.code).toBe('NOT_FOUND');

    const anonymous = await t.raw({ path: artifact.url });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
