/**
 * Conversions between normalised inputs and their stored JSON form. Integers are stored as
 * decimal strings and media as references into the blob store, so a queued generation can be
 * dispatched after a restart with exactly the input the caller sent.
 */
import { createHash } from 'node:crypto';

import type { EndpointFacts } from '../catalog/schema.js';
import type { BlobStore } from '../store/index.js';
import { jsonInteger, type MediaValue, type NormalisedValue } from './inputs.js';

/** A media input as stored: the bytes live in the blob store under `storageKey`. */
export interface StoredMedia {
  readonly $media: {
    readonly sha256: string;
    readonly storageKey: string;
    readonly mediaType: string;
    readonly byteSize: number;
    readonly width: number | null;
    readonly height: number | null;
  };
}

/** Writes media to the blob store and returns the JSON that the generation record keeps. */
export async function storeInputs(values: ReadonlyMap<string, NormalisedValue>, blobs: BlobStore): Promise<Record<string, unknown>> {
  const stored: Record<string, unknown> = {};
  for (const [name, value] of values) {
    if (typeof value === 'bigint') {
      stored[name] = value.toString();
    } else if (isMediaValue(value)) {
      stored[name] = await storeMedia(value, blobs);
    } else if (Array.isArray(value) && value.some(isMediaValue)) {
      stored[name] = await Promise.all((value as readonly MediaValue[]).map((item) => storeMedia(item, blobs)));
    } else {
      stored[name] = value;
    }
  }
  return stored;
}

async function storeMedia(value: MediaValue, blobs: BlobStore): Promise<StoredMedia> {
  const put = await blobs.put(value.bytes);
  return {
    $media: {
      sha256: put.sha256,
      storageKey: put.storageKey,
      mediaType: value.mediaType,
      byteSize: value.byteSize,
      width: value.width,
      height: value.height,
    },
  };
}

/**
 * Rebuilds normalised values from a stored record, reading media back from the blob store.
 *
 * @throws Error when a referenced blob is missing from the data folder.
 */
export async function loadInputs(
  endpoint: EndpointFacts,
  stored: Record<string, unknown>,
  blobs: BlobStore,
): Promise<Map<string, NormalisedValue>> {
  const values = new Map<string, NormalisedValue>();
  for (const input of endpoint.inputs) {
    const value = stored[input.name];
    if (value === undefined) {
      continue;
    }
    if (input.type === 'integer') {
      values.set(input.name, BigInt(String(value)));
    } else if (input.type === 'media') {
      values.set(input.name, await loadMedia(value as StoredMedia, blobs));
    } else if (input.type === 'media_list') {
      values.set(input.name, await Promise.all((value as StoredMedia[]).map((item) => loadMedia(item, blobs))));
    } else {
      values.set(input.name, value as NormalisedValue);
    }
  }
  return values;
}

async function loadMedia(stored: StoredMedia, blobs: BlobStore): Promise<MediaValue> {
  const bytes = await blobs.get(stored.$media.storageKey);
  return {
    kind: 'media',
    bytes,
    mediaType: stored.$media.mediaType,
    byteSize: stored.$media.byteSize,
    width: stored.$media.width,
    height: stored.$media.height,
  };
}

/**
 * Renders stored inputs for callers: integers as numbers when exact, media as their type, size
 * and hash. The stored key of a blob stays internal to the gateway.
 */
export function presentInputs(endpoint: EndpointFacts | undefined, stored: Record<string, unknown>): Record<string, unknown> {
  const presented: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(stored)) {
    const input = endpoint?.inputs.find((candidate) => candidate.name === name);
    if (input?.type === 'integer' && typeof value === 'string') {
      presented[name] = input.role === 'seed' ? value : jsonInteger(BigInt(value));
    } else if (isStoredMedia(value)) {
      presented[name] = presentMedia(value);
    } else if (Array.isArray(value) && value.every(isStoredMedia)) {
      presented[name] = value.map(presentMedia);
    } else {
      presented[name] = value;
    }
  }
  return presented;
}

function presentMedia(value: StoredMedia): Record<string, unknown> {
  const { mediaType, byteSize, sha256, width, height } = value.$media;
  return { mediaType, byteSize, sha256, width, height };
}

/**
 * Digest of an endpoint and its normalised input, used to tell a repeated idempotent request
 * from a different one. Media enter through their SHA-256, keys in sorted order.
 */
export function digestInputs(endpointPath: string, values: ReadonlyMap<string, NormalisedValue>): string {
  const hash = createHash('sha256');
  hash.update(`endpoint\u0000${endpointPath}\u0000`);
  for (const name of [...values.keys()].sort()) {
    const value = values.get(name)!;
    hash.update(`${name}\u0000`);
    if (typeof value === 'bigint') {
      hash.update(`int:${value}`);
    } else if (isMediaValue(value)) {
      hash.update(`media:${createHash('sha256').update(value.bytes).digest('hex')}`);
    } else if (Array.isArray(value) && value.some(isMediaValue)) {
      for (const item of value as readonly MediaValue[]) {
        hash.update(`media:${createHash('sha256').update(item.bytes).digest('hex')},`);
      }
    } else {
      hash.update(`json:${JSON.stringify(value)}`);
    }
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

function isMediaValue(value: unknown): value is MediaValue {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'media';
}

function isStoredMedia(value: unknown): value is StoredMedia {
  return typeof value === 'object' && value !== null && '$media' in value;
}
