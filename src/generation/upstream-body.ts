/**
 * Builds the JSON body sent to a Modal endpoint. JSON.stringify cannot write a bigint, and a
 * seed converted to a number would lose digits above 2^53, so integers are written from their
 * decimal digits and everything else through JSON.stringify.
 */
import type { EndpointFacts } from '../catalog/schema.js';
import { encodeMediaForUpstream } from '../media/index.js';
import type { MediaValue, NormalisedValue } from './inputs.js';

/** Serialises the caller's normalised values for `endpoint`; omitted inputs stay omitted. */
export function buildUpstreamBody(endpoint: EndpointFacts, values: ReadonlyMap<string, NormalisedValue>): string {
  const parts: string[] = [];
  for (const input of endpoint.inputs) {
    const value = values.get(input.name);
    if (value === undefined) {
      continue;
    }
    let encoded: string;
    if (typeof value === 'bigint') {
      encoded = value.toString();
    } else if (isMedia(value)) {
      const encoding = input.type === 'media' || input.type === 'media_list' ? input.encoding : 'BASE64';
      encoded = JSON.stringify(encodeMediaForUpstream(value.bytes, value.mediaType, encoding));
    } else if (Array.isArray(value) && value.length > 0 && isMedia(value[0])) {
      const encoding = input.type === 'media_list' ? input.encoding : 'BASE64';
      encoded = `[${(value as readonly MediaValue[]).map((item) => JSON.stringify(encodeMediaForUpstream(item.bytes, item.mediaType, encoding))).join(',')}]`;
    } else {
      encoded = JSON.stringify(value);
    }
    parts.push(`${JSON.stringify(input.name)}:${encoded}`);
  }
  return `{${parts.join(',')}}`;
}

function isMedia(value: unknown): value is MediaValue {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'media';
}
