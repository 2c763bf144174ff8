/**
 * Internal: builds the success response of an emulated job: real bytes of the endpoint's real
 * media type, labelled with its declared Content-Type, plus the handler's extra headers.
 */
import { createHash } from 'node:crypto';

import type { AppFacts, EndpointFacts } from '../catalog/schema.js';
import { sampleAnimatedWebp, sampleJpeg, sampleMp4, samplePng, type Rgb } from './samples/index.js';
import type { AcceptedRequest } from './validate-request.js';

/** Largest output side the emulator renders; larger requests (seedvr2 up to 8000) are clamped. */
const MAX_OUTPUT_SIDE = 4096;
const FALLBACK_SIDE = 1024;
/**
 * Emulated price per GPU-second.
 * NOTE: an estimate in the range of Modal's published L40S price; the handlers compute their own.
 */
const EMULATED_USD_PER_GPU_SECOND = 0.000542;

/**
 * Output sizes for Qwen-Image `aspect_ratio` values, from the Qwen-Image model card.
 * NOTE: not checked against the handler's own table.
 */
const QWEN_ASPECT_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1328, 1328],
  '16:9': [1664, 928],
  '9:16': [928, 1664],
  '4:3': [1472, 1140],
  '3:4': [1140, 1472],
  '3:2': [1584, 1056],
  '2:3': [1056, 1584],
};

export interface RenderedOutput {
  bytes: Buffer;
  headers: Record<string, string>;
}

export interface RenderContext {
  endpoint: EndpointFacts;
  app: AppFacts | undefined;
  request: AcceptedRequest;
  jobMs: number;
  includeCostHeaders: boolean;
}

/**
 * Renders the output bytes and headers. The colour is derived from the path and the seed, so
 * the same request always gives the same bytes.
 */
export function renderOutput(context: RenderContext): RenderedOutput {
  const { endpoint, request } = context;
  const rgb = colourFor(endpoint.path, request.body['seed']);
  const frames = integerField(endpoint, request.body, 'length') ?? 33;
  const bytes = renderBytes(endpoint, request, rgb, frames);

  const headers: Record<string, string> = { 'content-type': endpoint.response.declaredContentType };
  if (context.includeCostHeaders) {
    for (const name of endpoint.response.costHeaders) {
      headers[name] = costHeaderValue(name, context, frames);
    }
  }
  return { bytes, headers };
}

function renderBytes(endpoint: EndpointFacts, request: AcceptedRequest, rgb: Rgb, frames: number): Buffer {
  switch (endpoint.response.mediaType) {
    case 'video/mp4':
      return sampleMp4();
    case 'image/webp': {
      const [width, height] = outputSize(endpoint, request);
      const fps = integerField(endpoint, request.body, 'fps') ?? 16;
      return sampleAnimatedWebp({
        width,
        height,
        frameCount: Math.max(2, frames),
        frameDurationMs: Math.round(1000 / fps),
        rgb,
      });
    }
    case 'image/jpeg': {
      const [width, height] = outputSize(endpoint, request);
      return sampleJpeg(width, height, rgb);
    }
    default: {
      // PNG is what ComfyUI's SaveImage writes, the real format of every other image endpoint.
      const [width, height] = outputSize(endpoint, request);
      return samplePng(width, height, rgb);
    }
  }
}

/**
 * Text-to-image endpoints follow `width`/`height` (or a Qwen `aspect_ratio`); edit endpoints
 * keep the reference size; seedvr2 scales the reference's short side to `resolution`, capped
 * by `max_resolution`.
 */
function outputSize(endpoint: EndpointFacts, request: AcceptedRequest): [number, number] {
  const { body, referenceSize } = request;

  const aspect = endpoint.inputs.some((input) => input.name === 'aspect_ratio') ? body['aspect_ratio'] : undefined;
  const aspectSize = typeof aspect === 'string' ? QWEN_ASPECT_SIZES[aspect] : undefined;
  if (aspectSize !== undefined) {
    return clampSize(...aspectSize);
  }

  const width = integerField(endpoint, body, 'width');
  const height = integerField(endpoint, body, 'height');
  if (width !== undefined && height !== undefined) {
    return clampSize(width, height);
  }

  const resolution = integerField(endpoint, body, 'resolution');
  if (resolution !== undefined) {
    const source = referenceSize ?? { width: resolution, height: resolution };
    const scale = resolution / Math.min(source.width, source.height);
    const maxSide = integerField(endpoint, body, 'max_resolution') ?? MAX_OUTPUT_SIDE;
    const capped = Math.min(1, maxSide / (Math.max(source.width, source.height) * scale));
    return clampSize(Math.round(source.width * scale * capped), Math.round(source.height * scale * capped));
  }

  return referenceSize === undefined ? [FALLBACK_SIDE, FALLBACK_SIDE] : clampSize(referenceSize.width, referenceSize.height);
}

function clampSize(width: number, height: number): [number, number] {
  const clamp = (side: number): number => Math.min(MAX_OUTPUT_SIDE, Math.max(1, side));
  return [clamp(width), clamp(height)];
}

/** Returns the request's integer value for `name`, else the catalog default, else undefined. */
function integerField(endpoint: EndpointFacts, body: Record<string, unknown>, name: string): number | undefined {
  const input = endpoint.inputs.find((candidate) => candidate.name === name);
  if (input === undefined || input.type !== 'integer') {
    return undefined;
  }
  const value = body[name] ?? input.default;
  const number = Number(value);
  return value === undefined || !Number.isSafeInteger(number) ? undefined : number;
}

function colourFor(path: string, seed: unknown): Rgb {
  const digest = createHash('sha256').update(`${path}|${String(seed)}`).digest();
  return [digest[0]!, digest[1]!, digest[2]!];
}

function costHeaderValue(name: string, context: RenderContext, frames: number): string {
  const { endpoint, request, jobMs } = context;
  const seconds = jobMs / 1000;

  switch (name) {
    case 'X-Cost-USD':
      return (seconds * EMULATED_USD_PER_GPU_SECOND).toFixed(6);
    case 'X-Execution-Time-Sec':
      return seconds.toFixed(2);
    case 'X-GPU-Type':
      return context.app?.gpu ?? 'L40S';
    case 'X-Model':
      return `emulated${endpoint.path}`;
    case 'X-Frames':
      return String(frames);
    case 'X-LoRA':
      return request.loraFile ?? '';
    case 'X-Steps':
      return String(integerField(endpoint, request.body, 'steps') ?? '');
    case 'X-FPS':
      return String(integerField(endpoint, request.body, 'fps') ?? '');
    case 'X-Reference-Count':
      return String(request.referenceCount);
    case 'X-NSFW-Mode':
      return String(request.body['nsfw'] === true);
    default:
      return 'emulated';
  }
}
