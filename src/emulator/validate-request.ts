/**
 * Internal: checks a POST body against an endpoint's catalog inputs and returns failures in the
 * shapes the real handlers use.
 *
 * It is stricter than the handlers in two ways, so gateway bugs surface early: field types and
 * numeric ranges are checked like a pydantic model would (422), and every missing required
 * field is a 400 `{"detail"}`, where several real handlers fail later with a 500.
 */
import { MediaError, decodeMediaString, readImageDimensions, sniffMediaType } from '../media/index.js';
import type { EndpointFacts, EndpointInput } from '../catalog/schema.js';
import {
  detailReply,
  handlerExceptionReply,
  validationReply,
  type Reply,
  type ValidationIssue,
} from './replies.js';

/** A body that passed, with what the output depends on. */
export interface AcceptedRequest {
  body: Record<string, unknown>;
  /** Pixel size of the first reference image, when one was sent and could be read. */
  referenceSize: { width: number; height: number } | undefined;
  /** The LoRA file name the handler would load, for LoRA endpoints. */
  loraFile: string | undefined;
  referenceCount: number;
}

export type ValidationOutcome = { ok: true; request: AcceptedRequest } | { ok: false; reply: Reply };

/**
 * Validates a raw POST body in the order the handlers fail: JSON syntax and field types (422),
 * LoRA selection (400, then 404 for an unknown file), required fields (400), then reference
 * media (500, as the handler's exception handler would respond).
 */
export async function validateRequest(
  endpoint: EndpointFacts,
  rawBody: string,
  knownLoras: ReadonlySet<string> | undefined,
): Promise<ValidationOutcome> {
  const parsed = parseJsonObject(rawBody);
  if ('issues' in parsed) {
    return { ok: false, reply: validationReply(parsed.issues) };
  }
  const body = parsed.body;

  const typeIssues = endpoint.inputs.flatMap((input) => checkInputType(input, body[input.name]));
  if (typeIssues.length > 0) {
    return { ok: false, reply: validationReply(typeIssues) };
  }

  const lora = checkLoraSelection(endpoint, body, knownLoras);
  if ('reply' in lora) {
    return { ok: false, reply: lora.reply };
  }

  const missing = endpoint.inputs.find((input) => input.required && isAbsent(body[input.name]));
  if (missing !== undefined) {
    return { ok: false, reply: detailReply(400, `Missing required field: ${missing.name}`) };
  }

  const media = await checkReferenceMedia(endpoint, body);
  if ('reply' in media) {
    return { ok: false, reply: media.reply };
  }

  return {
    ok: true,
    request: { body, referenceSize: media.referenceSize, loraFile: lora.loraFile, referenceCount: media.count },
  };
}

function parseJsonObject(rawBody: string): { body: Record<string, unknown> } | { issues: ValidationIssue[] } {
  if (rawBody.trim() === '') {
    return { issues: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] };
  }

  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    return {
      issues: [{ loc: ['body', position === undefined ? 0 : Number(position)], msg: 'JSON decode error', type: 'json_invalid' }],
    };
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }] };
  }
  return { body: value as Record<string, unknown> };
}

/** Absent, null, or an empty string: the handlers' `if not value` checks treat all three alike. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Pydantic v2 lax-mode type and range checks, with its error types and messages. */
function checkInputType(input: EndpointInput, value: unknown): ValidationIssue[] {
  if (value === undefined || value === null) {
    return [];
  }
  const loc = ['body', input.name];

  switch (input.type) {
    case 'string':
    case 'media':
      return typeof value === 'string' ? [] : [{ loc, msg: 'Input should be a valid string', type: 'string_type' }];
    case 'boolean':
      return isLaxBoolean(value) ? [] : [{ loc, msg: 'Input should be a valid boolean', type: 'bool_type' }];
    case 'integer':
      return checkInteger(input, value, loc);
    case 'number':
      return checkNumber(input, value, loc);
    case 'media_list':
    case 'string_list':
      return checkStringList(value, loc);
  }
}

function isLaxBoolean(value: unknown): boolean {
  return typeof value === 'boolean' || value === 0 || value === 1 || value === 'true' || value === 'false';
}

function checkInteger(
  input: Extract<EndpointInput, { type: 'integer' }>,
  value: unknown,
  loc: (string | number)[],
): ValidationIssue[] {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number') {
    return [{ loc, msg: 'Input should be a valid integer', type: 'int_type' }];
  }
  if (!Number.isInteger(number)) {
    return [{ loc, msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' }];
  }
  return checkRange(number, boundOf(input.min), boundOf(input.max), loc);
}

function checkNumber(
  input: Extract<EndpointInput, { type: 'number' }>,
  value: unknown,
  loc: (string | number)[],
): ValidationIssue[] {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    return [{ loc, msg: 'Input should be a valid number', type: 'float_type' }];
  }
  return checkRange(number, input.min, input.max, loc);
}

/**
 * Catalog bounds written as decimal strings (64-bit seeds) are only compared when they are
 * exact as JS numbers.
 * NOTE: so a seed above 2^53 is never range-checked here; the raw body keeps its digits.
 */
function boundOf(bound: number | string | undefined): number | undefined {
  if (typeof bound === 'number') {
    return bound;
  }
  const number = bound === undefined ? Number.NaN : Number(bound);
  return Number.isSafeInteger(number) ? number : undefined;
}

function checkRange(
  value: number,
  min: number | undefined,
  max: number | undefined,
  loc: (string | number)[],
): ValidationIssue[] {
  if (min !== undefined && value < min) {
    return [{ loc, msg: `Input should be greater than or equal to ${min}`, type: 'greater_than_equal' }];
  }
  if (max !== undefined && value > max) {
    return [{ loc, msg: `Input should be less than or equal to ${max}`, type: 'less_than_equal' }];
  }
  return [];
}

function checkStringList(value: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (!Array.isArray(value)) {
    return [{ loc, msg: 'Input should be a valid list', type: 'list_type' }];
  }
  return value.flatMap((item, index) =>
    typeof item === 'string' ? [] : [{ loc: [...loc, index], msg: 'Input should be a valid string', type: 'string_type' }],
  );
}

/**
 * LoRA endpoints need `lora_id` or `lora_name` (400 otherwise). `lora_name` wins and gets
 * ".safetensors" appended; `lora_id` names `character-<id>.safetensors`, optionally with a
 * model prefix such as `wan-`. With `knownLoras` set, an unknown file is a 404, as when the
 * file is missing from the models volume.
 */
function checkLoraSelection(
  endpoint: EndpointFacts,
  body: Record<string, unknown>,
  knownLoras: ReadonlySet<string> | undefined,
): { loraFile: string | undefined } | { reply: Reply } {
  if (!endpoint.inputs.some((input) => input.role === 'lora')) {
    return { loraFile: undefined };
  }

  const loraName = body['lora_name'];
  const loraId = body['lora_id'];
  if (typeof loraName === 'string' && loraName !== '') {
    const file = loraName.endsWith('.safetensors') ? loraName : `${loraName}.safetensors`;
    if (knownLoras !== undefined && !knownLoras.has(file)) {
      return { reply: detailReply(404, `LoRA not found: ${file}`) };
    }
    return { loraFile: file };
  }

  if (typeof loraId === 'string' && loraId !== '') {
    const file = `character-${loraId}.safetensors`;
    if (knownLoras === undefined) {
      return { loraFile: file };
    }
    const found = [...knownLoras].find((known) => known === file || known.endsWith(`-${file}`));
    return found === undefined ? { reply: detailReply(404, `LoRA not found for lora_id ${loraId}: ${file}`) } : { loraFile: found };
  }

  return { reply: detailReply(400, 'Either lora_id or lora_name is required') };
}

/**
 * Decodes each reference medium the way the handlers would load it. Data-URL endpoints treat
 * any other string as a ComfyUI input file name, so LoadImage fails (500). Base64 endpoints
 * accept a data URL or bare base64. Bytes of the wrong kind fail like PIL or the video loader.
 */
async function checkReferenceMedia(
  endpoint: EndpointFacts,
  body: Record<string, unknown>,
): Promise<{ referenceSize: AcceptedRequest['referenceSize']; count: number } | { reply: Reply }> {
  let referenceSize: AcceptedRequest['referenceSize'];
  let count = 0;

  for (const input of endpoint.inputs) {
    if (input.type !== 'media' && input.type !== 'media_list') {
      continue;
    }
    const value = body[input.name];
    if (isAbsent(value)) {
      continue;
    }

    const items = (Array.isArray(value) ? value : [value]) as string[];
    if (input.type === 'media_list' && (items.length < input.minItems || items.length > input.maxItems)) {
      return {
        reply: handlerExceptionReply(
          500,
          `${input.name} must contain ${input.minItems} to ${input.maxItems} items, got ${items.length}`,
          'ValueError',
        ),
      };
    }

    for (const item of items) {
      const checked = await checkOneMedium(input, item);
      if ('reply' in checked) {
        return checked;
      }
      count += 1;
      if (referenceSize === undefined && input.role === 'reference') {
        referenceSize = checked.size;
      }
    }
  }
  return { referenceSize, count };
}

async function checkOneMedium(
  input: Extract<EndpointInput, { type: 'media' | 'media_list' }>,
  value: string,
): Promise<{ size: AcceptedRequest['referenceSize'] } | { reply: Reply }> {
  if (input.encoding === 'DATA_URL' && !/^data:/i.test(value)) {
    return {
      reply: handlerExceptionReply(
        500,
        `LoadImage: ${input.name} is not a data URL, so it was taken as a file name that does not exist in the ComfyUI input folder`,
        'FileNotFoundError',
      ),
    };
  }

  let bytes: Buffer;
  try {
    bytes = decodeMediaString(value, { field: input.name }).bytes;
  } catch (error) {
    if (error instanceof MediaError) {
      return { reply: handlerExceptionReply(500, error.message, 'binascii.Error') };
    }
    throw error;
  }

  const mediaType = (await sniffMediaType(bytes)) ?? 'application/octet-stream';
  const expectedKind = input.media === 'IMAGE' ? 'image/' : 'video/';
  if (!mediaType.startsWith(expectedKind)) {
    return input.media === 'IMAGE'
      ? { reply: handlerExceptionReply(500, `cannot identify image file given as ${input.name}`, 'UnidentifiedImageError') }
      : { reply: handlerExceptionReply(500, `could not load ${input.name} as a video`, 'RuntimeError') };
  }
  return { size: readImageDimensions(bytes, mediaType) };
}
