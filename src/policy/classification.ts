/**
 * The app's policy, derived from each endpoint's declared inputs: an endpoint that takes a
 * reference image or video, or a LoRA, serves the app directly (primary tier); any other
 * endpoint is for internal use (supporting tier). Operators may override one endpoint's tier
 * in the catalog, with a reason.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { EndpointFacts, EndpointInput, Tier } from '../catalog/schema.js';

export type Classification = 'REFERENCE' | 'LORA' | 'REFERENCE_AND_LORA' | 'NEITHER';

/** The tier decision for one endpoint, with everything needed to explain it. */
export interface TierDecision {
  readonly tier: Tier;
  readonly derivedTier: Tier;
  readonly classification: Classification;
  readonly referenceInputs: readonly string[];
  readonly loraInputs: readonly string[];
  readonly override: { readonly tier: Tier; readonly reason: string } | null;
  readonly reason: string;
}

/** True for an input that carries reference media: an image or video with the reference role. */
export function isReferenceInput(input: EndpointInput): boolean {
  return input.role === 'reference' && (input.type === 'media' || input.type === 'media_list');
}

/** True for an input that selects a LoRA. */
export function isLoraInput(input: EndpointInput): boolean {
  return input.role === 'lora';
}

/** Classifies an endpoint by the inputs it declares. */
export function classifyEndpoint(endpoint: EndpointFacts): Classification {
  const reference = endpoint.inputs.some(isReferenceInput);
  const lora = endpoint.inputs.some(isLoraInput);
  if (reference && lora) {
    return 'REFERENCE_AND_LORA';
  }
  if (reference) {
    return 'REFERENCE';
  }
  return lora ? 'LORA' : 'NEITHER';
}

/** Decides an endpoint's tier from its classification and any operator override. */
export function decideTier(catalog: Catalog, endpoint: EndpointFacts): TierDecision {
  const classification = classifyEndpoint(endpoint);
  const referenceInputs = endpoint.inputs.filter(isReferenceInput).map((input) => input.name);
  const loraInputs = endpoint.inputs.filter(isLoraInput).map((input) => input.name);
  const derivedTier: Tier = classification === 'NEITHER' ? 'SUPPORTING' : 'PRIMARY';
  const override = catalog.tierOverrides.get(endpoint.path);

  const derivedReason = describeDerivedTier(derivedTier, referenceInputs, loraInputs);
  if (override) {
    return {
      tier: override.tier,
      derivedTier,
      classification,
      referenceInputs,
      loraInputs,
      override: { tier: override.tier, reason: override.reason },
      reason: `Operator override to ${override.tier}: ${override.reason} (the inputs alone give ${derivedTier}: ${derivedReason})`,
    };
  }
  return { tier: derivedTier, derivedTier, classification, referenceInputs, loraInputs, override: null, reason: derivedReason };
}

function describeDerivedTier(tier: Tier, referenceInputs: readonly string[], loraInputs: readonly string[]): string {
  if (tier === 'SUPPORTING') {
    return 'No reference image or video input and no LoRA input, so it is text-to-image or text-to-video for internal use.';
  }
  const parts: string[] = [];
  if (referenceInputs.length > 0) {
    parts.push(`reference input ${referenceInputs.map((name) => `"${name}"`).join(', ')}`);
  }
  if (loraInputs.length > 0) {
    parts.push(`LoRA input ${loraInputs.map((name) => `"${name}"`).join(', ')}`);
  }
  return `Primary because it declares ${parts.join(' and ')}.`;
}

/** Precomputes every endpoint's tier decision; the catalog is immutable, so this runs once. */
export function decideAllTiers(catalog: Catalog): ReadonlyMap<string, TierDecision> {
  const decisions = new Map<string, TierDecision>();
  for (const endpoint of catalog.endpoints.values()) {
    decisions.set(endpoint.path, decideTier(catalog, endpoint));
  }
  return decisions;
}
