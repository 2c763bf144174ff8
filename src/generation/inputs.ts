/**
 * Validates a caller's generation inputs against the endpoint's declared inputs and turns them
 * into a normalised form: integers as bigint (so seeds keep every digit), media decoded to bytes
 * with their real media type. Every problem becomes a user error that names the input field.
 */
import type { EndpointFacts, EndpointInput } from '../catalog/schema.js';
import { maxMediaBytes } from '../catalog/input-form.js';
import type { GatewayConfig } from '../config/config.js';
import { decodeMediaString, inspectMedia, MediaError } from '../media/index.js';

export const UINT64_MAX = 18446744073709551615n;

export type UserErrorCode =
  | 'INVALID_VALUE'
  | 'MISSING_INPUT'
  | 'UNKNOWN_INPUT'
  | 'OUT_OF_RANGE'
  | 'INVALID_MEDIA'
  | 'MEDIA_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ENDPOINT_NOT_FOUND'
  | 'ENDPOINT_REMOVED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'NOT_CANCELABLE'
  | 'NOT_FOUND';

/** A problem with the caller's input, with the path of the offending field. */
export interface UserError {
  readonly field: string[];
  readonly code: UserErrorCode;
  readonly message: string;
}

/** One decoded media item. */
export interface MediaValue {
  readonly kind: 'media';
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly byteSize: number;
  readonly width: number | null;
  readonly height: number | null;
}

export type NormalisedValue = string | number | bigint | boolean | readonly string[] | MediaValue | readonly MediaValue[];

export interface NormalisedInputs {
  /** Caller-provided values by input name, in catalog order. */
  readonly values: ReadonlyMap<string, NormalisedValue>;
  /** Defaults the endpoint applies to inputs the caller left out, as JSON. */
  readonly appliedDefaults: Record<string, unknown>;
}

type Limits = Pick<GatewayConfig, 'maxImageBytes' | 'maxVideoBytes'>;

/**
 * Validates `raw` for `endpoint`. Returns the normalised inputs, or every user error found.
 * Bad input becomes a user error; only unexpected internal failures throw.
 */
export async function normaliseInputs(
  endpoint: EndpointFacts,
  raw: Record<string, unknown>,
  limits: Limits,
): Promise<{ inputs: NormalisedInputs; errors: [] } | { inputs: null; errors: UserError[] }> {
  const errors: UserError[] = [];
  const declared = new Map(endpoint.inputs.map((input) => [input.name, input]));

  for (const name of Object.keys(raw)) {
    if (!declared.has(name)) {
      errors.push({
        field: ['inputs', name],
        code: 'UNKNOWN_INPUT',
        message: `Unknown input "${clip(name)}" for ${endpoint.path}. Accepted inputs: ${endpoint.inputs.map((input) => input.name).join(', ')}.`,
      });
    }
  }

  const values = new Map<string, NormalisedValue>();
  const appliedDefaults: Record<string, unknown> = {};
  for (const input of endpoint.inputs) {
    const value = raw[input.name];
    if (value === undefined || value === null) {
      if (input.required) {
        errors.push({ field: ['inputs', input.name], code: 'MISSING_INPUT', message: `Input "${input.name}" is required by ${endpoint.path}.` });
      } else if ('default' in input && input.default !== undefined) {
        appliedDefaults[input.name] = presentDefault(input);
      }
      continue;
    }
    const result = await normaliseValue(input, value, limits);
    if ('error' in result) {
      errors.push({ field: ['inputs', input.name], code: result.error.code, message: result.error.message });
    } else {
      values.set(input.name, result.value);
    }
  }

  return errors.length > 0 ? { inputs: null, errors } : { inputs: { values, appliedDefaults }, errors: [] };
}

type ValueResult = { value: NormalisedValue } | { error: { code: UserErrorCode; message: string } };

async function normaliseValue(input: EndpointInput, value: unknown, limits: Limits): Promise<ValueResult> {
  const name = input.name;
  switch (input.type) {
    case 'string':
      return normaliseString(input, value);
    case 'integer':
      return normaliseInteger(input, value);
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return invalid(`Input "${name}" must be a finite number; got ${describe(value)}.`);
      }
      return checkRange(name, value, input.min, input.max) ?? { value };
    }
    case 'boolean':
      return typeof value === 'boolean' ? { value } : invalid(`Input "${name}" must be true or false; got ${describe(value)}.`);
    case 'string_list': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        return invalid(`Input "${name}" must be a list of strings; got ${describe(value)}.`);
      }
      if (input.maxItems !== undefined && value.length > input.maxItems) {
        return outOfRange(`Input "${name}" takes at most ${input.maxItems} items; got ${value.length}.`);
      }
      return { value: value as string[] };
    }
    case 'media':
      return normaliseMedia(input, value, maxMediaBytes(input.media, limits), name);
    case 'media_list': {
      if (!Array.isArray(value)) {
        return invalid(`Input "${name}" must be a list of base64 media; got ${describe(value)}.`);
      }
      if (value.length < input.minItems || value.length > input.maxItems) {
        return outOfRange(`Input "${name}" takes ${input.minItems} to ${input.maxItems} items; got ${value.length}.`);
      }
      const items: MediaValue[] = [];
      for (const [index, item] of value.entries()) {
        const result = await normaliseMedia(input, item, maxMediaBytes(input.media, limits), `${name}[${index}]`);
        if ('error' in result) {
          return result;
        }
        items.push(result.value);
      }
      return { value: items };
    }
  }
}

function normaliseString(input: Extract<EndpointInput, { type: 'string' }>, value: unknown): ValueResult {
  const name = input.name;
  if (typeof value !== 'string') {
    return invalid(`Input "${name}" must be a string; got ${describe(value)}.`);
  }
  const maxLength = input.maxLength ?? 100_000;
  if (value.length > maxLength) {
    return outOfRange(`Input "${name}" is ${value.length} characters long; the maximum is ${maxLength}.`);
  }
  if (!value.isWellFormed()) {
    return invalid(`Input "${name}" contains an unpaired UTF-16 surrogate; send well-formed Unicode text.`);
  }
  if (value.includes('\u0000')) {
    return invalid(`Input "${name}" contains a NUL character, which the endpoint cannot pass to its model.`);
  }
  if (input.enum && !input.enum.includes(value)) {
    return invalid(`Input "${name}" must be one of ${input.enum.join(', ')}; got ${describe(value)}.`);
  }
  return { value };
}

/**
 * Integers arrive as JSON numbers or, for values JSON numbers cannot carry exactly, as decimal
 * strings. A number that is not a safe integer has already lost digits in JSON parsing, so it
 * is rejected rather than rounded.
 */
function normaliseInteger(input: Extract<EndpointInput, { type: 'integer' }>, value: unknown): ValueResult {
  const name = input.name;
  let parsed: bigint;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) {
      return invalid(`Input "${name}" must be a whole number; got ${describe(value)}.`);
    }
    if (!Number.isSafeInteger(value)) {
      return invalid(
        `Input "${name}" is beyond 2^53 - 1, where JSON numbers lose digits; send it as a decimal string, e.g. "${name}": "18446744073709551615".`,
      );
    }
    parsed = BigInt(value);
  } else if (typeof value === 'string' && /^-?(0|[1-9][0-9]{0,30})$/.test(value)) {
    parsed = BigInt(value);
  } else {
    return invalid(`Input "${name}" must be a whole number or a decimal string of digits; got ${describe(value)}.`);
  }

  const min = input.min === undefined ? undefined : BigInt(input.min);
  const max = input.max === undefined ? undefined : BigInt(input.max);
  if ((min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
    return outOfRange(`Input "${name}" must be from ${input.min ?? '-inf'} to ${input.max ?? 'inf'}; got ${parsed}.`);
  }
  if (input.role === 'seed' && (parsed < 0n || parsed > UINT64_MAX)) {
    return outOfRange(`Input "${name}" must be from 0 to 18446744073709551615; got ${parsed}.`);
  }
  return { value: parsed };
}

async function normaliseMedia(
  input: Extract<EndpointInput, { type: 'media' | 'media_list' }>,
  value: unknown,
  maxBytes: number,
  label: string,
): Promise<{ value: MediaValue } | { error: { code: UserErrorCode; message: string } }> {
  if (typeof value !== 'string') {
    return invalid(`Input "${label}" must be a data URL or base64 string; got ${describe(value)}.`);
  }
  // Base64 carries 3 bytes in 4 characters; checking the encoded length first avoids decoding
  // an oversized payload at all.
  if (Math.floor((value.length * 3) / 4) > maxBytes + 256) {
    return {
      error: { code: 'MEDIA_TOO_LARGE', message: `Input "${label}" decodes to more than the ${maxBytes}-byte limit for ${input.media.toLowerCase()} media.` },
    };
  }

  let decoded;
  try {
    decoded = decodeMediaString(value);
  } catch (error) {
    if (error instanceof MediaError) {
      return { error: { code: 'INVALID_MEDIA', message: `Input "${label}": ${error.message}` } };
    }
    throw error;
  }
  if (decoded.bytes.length > maxBytes) {
    return {
      error: {
        code: 'MEDIA_TOO_LARGE',
        message: `Input "${label}" is ${decoded.bytes.length} bytes; the limit for ${input.media.toLowerCase()} media is ${maxBytes} bytes.`,
      },
    };
  }

  const inspected = await inspectMedia(decoded.bytes);
  if (!inspected.mediaType) {
    return { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `Input "${label}" is not a recognised image or video; accepted: ${input.accept.join(', ')}.` } };
  }
  if (decoded.declaredMediaType && decoded.declaredMediaType !== inspected.mediaType) {
    return {
      error: {
        code: 'INVALID_MEDIA',
        message: `Input "${label}" is declared as ${clip(decoded.declaredMediaType)} but its bytes are ${inspected.mediaType}; fix the data URL's media type.`,
      },
    };
  }
  if (!input.accept.includes(inspected.mediaType)) {
    return {
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `Input "${label}" is ${inspected.mediaType}; accepted: ${input.accept.join(', ')}.` },
    };
  }
  return {
    value: {
      kind: 'media',
      bytes: decoded.bytes,
      mediaType: inspected.mediaType,
      byteSize: decoded.bytes.length,
      width: inspected.width ?? null,
      height: inspected.height ?? null,
    },
  };
}

function checkRange(name: string, value: number, min: number | undefined, max: number | undefined): ValueResult | undefined {
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    return outOfRange(`Input "${name}" must be from ${min ?? '-inf'} to ${max ?? 'inf'}; got ${value}.`);
  }
  return undefined;
}

/**
 * Renders a catalog default as JSON the way the generation's inputs render: seeds as decimal
 * strings (they run to 2^64 - 1), other integers as numbers.
 */
function presentDefault(input: EndpointInput): unknown {
  if (!('default' in input) || input.type !== 'integer' || input.default === undefined) {
    return 'default' in input ? input.default : undefined;
  }
  return input.role === 'seed' ? String(input.default) : jsonInteger(BigInt(input.default));
}

/** Renders an integer for JSON: a number when exact, else a decimal string. */
export function jsonInteger(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

function invalid(message: string): { error: { code: UserErrorCode; message: string } } {
  return { error: { code: 'INVALID_VALUE', message } };
}

function outOfRange(message: string): { error: { code: UserErrorCode; message: string } } {
  return { error: { code: 'OUT_OF_RANGE', message } };
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `a list of ${value.length} items`;
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return String(value);
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
