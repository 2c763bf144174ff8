/**
 * Which endpoints a role may see and call. Clients get the primary tier minus deprioritised
 * endpoints, and the internal role gets everything. To a client, every other endpoint looks
 * exactly like a path that does not exist.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { EndpointFacts } from '../catalog/schema.js';
import type { Role } from '../config/config.js';
import type { TierDecision } from './classification.js';

export interface PolicyView {
  readonly catalog: Catalog;
  readonly tiers: ReadonlyMap<string, TierDecision>;
}

/** True when `role` may see and call `endpoint` directly. */
export function isEndpointVisible(view: PolicyView, role: Role, endpoint: EndpointFacts): boolean {
  if (role === 'internal') {
    return true;
  }
  const decision = view.tiers.get(endpoint.path);
  const lifecycle = view.catalog.lifecycle.get(endpoint.path);
  return decision?.tier === 'PRIMARY' && lifecycle?.status !== 'DEPRIORITISED';
}

/** Returns the endpoint at `path` when `role` may see it, else undefined. */
export function findVisibleEndpoint(view: PolicyView, role: Role, path: string): EndpointFacts | undefined {
  const endpoint = view.catalog.endpoints.get(path);
  return endpoint && isEndpointVisible(view, role, endpoint) ? endpoint : undefined;
}

/** Lists the endpoints `role` may see, in catalog order. */
export function listVisibleEndpoints(view: PolicyView, role: Role): EndpointFacts[] {
  return [...view.catalog.endpoints.values()].filter((endpoint) => isEndpointVisible(view, role, endpoint));
}
