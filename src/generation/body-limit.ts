/**
 * The request-body limit, sized from the largest media a single generation may carry: for each
 * endpoint, every media input at its item count and per-item size limit, base64-encoded, plus
 * room for the rest of the JSON. The largest endpoint sets the limit for all requests, because
 * the body must be limited before it is parsed and the endpoint is known.
 */
import type { Catalog } from '../catalog/catalog.js';
import { maxMediaBytes } from '../catalog/input-form.js';
import type { GatewayConfig } from '../config/config.js';

/** Room for the query text, prompts and other inputs besides media. */
export const NON_MEDIA_ALLOWANCE_BYTES = 256 * 1024;
/** Room for one data URL prefix and JSON quoting. */
const PER_ITEM_OVERHEAD_BYTES = 128;

/** Returns the largest request body the gateway accepts, in bytes. */
export function computeBodyLimit(catalog: Catalog, config: Pick<GatewayConfig, 'maxImageBytes' | 'maxVideoBytes'>): number {
  let largest = 0;
  for (const endpoint of catalog.endpoints.values()) {
    let total = 0;
    for (const input of endpoint.inputs) {
      if (input.type !== 'media' && input.type !== 'media_list') {
        continue;
      }
      const items = input.type === 'media_list' ? input.maxItems : 1;
      const encoded = Math.ceil(maxMediaBytes(input.media, config) / 3) * 4;
      total += items * (encoded + PER_ITEM_OVERHEAD_BYTES);
    }
    largest = Math.max(largest, total);
  }
  return largest + NON_MEDIA_ALLOWANCE_BYTES;
}
