import type { EndpointFacts } from '../catalog/schema.js';
import type { PolicyView } from './visibility.js';
import type { TierDecision } from './classification.js';

/** Returns the precomputed tier decision of a catalog endpoint. */
export function tierOf(view: PolicyView, endpoint: EndpointFacts): TierDecision {
  const decision = view.tiers.get(endpoint.path);
  if (!decision) {
    throw new Error(`No tier decision for "${endpoint.path}"; tiers are computed from the same catalog at start`);
  }
  return decision;
}
