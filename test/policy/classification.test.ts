import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/catalog/catalog.js';
import { classifyEndpoint, decideAllTiers, decideTier, isLoraInput, isReferenceInput } from '../../src/policy/classification.js';
import { listVisibleEndpoints } from '../../src/policy/visibility.js';

const catalog = loadCatalog();
const tiers = decideAllTiers(catalog);

describe('tier classification', () => {
  it('splits the catalog 12 primary to 9 supporting', () => {
    const primary = [...tiers.values()].filter((decision) => decision.tier === 'PRIMARY');
    expect(primary).toHaveLength(12);
    expect(tiers.size - primary.length).toBe(9);
  });

  it('derives each tier from the declared inputs', () => {
    // The rule restated from the raw inputs, independent of the policy module's helpers.
    for (const endpoint of catalog.endpoints.values()) {
      const hasReference = endpoint.inputs.some((input) => input.role === 'reference' && (input.type === 'media' || input.type === 'media_list'));
      const hasLora = endpoint.inputs.some((input) => input.role === 'lora');
      expect(tiers.get(endpoint.path)?.tier, endpoint.path).toBe(hasReference || hasLora ? 'PRIMARY' : 'SUPPORTING');
    }
  });

  it('counts seven reference-image endpoints, one reference-video and four LoRA', () => {
    const referenceImage = [...catalog.endpoints.values()].filter((endpoint) =>
      endpoint.inputs.some((input) => isReferenceInput(input) && 'media' in input && input.media === 'IMAGE'),
    );
    const referenceVideoOnly = [...catalog.endpoints.values()].filter(
      (endpoint) =>
        endpoint.inputs.some((input) => isReferenceInput(input) && 'media' in input && input.media === 'VIDEO') &&
        !endpoint.inputs.some((input) => isReferenceInput(input) && 'media' in input && input.media === 'IMAGE'),
    );
    const lora = [...catalog.endpoints.values()].filter((endpoint) => endpoint.inputs.some(isLoraInput));
    expect(referenceImage).toHaveLength(7);
    expect(referenceVideoOnly.map((endpoint) => endpoint.path)).toEqual(['/wan2.6-r2v']);
    expect(lora).toHaveLength(4);
  });

  it('classifies reference, LoRA and neither', () => {
    expect(classifyEndpoint(catalog.endpoints.get('/flux-pulid')!)).toBe('REFERENCE');
    expect(classifyEndpoint(catalog.endpoints.get('/z-image-lora')!)).toBe('LORA');
    expect(classifyEndpoint(catalog.endpoints.get('/flux')!)).toBe('NEITHER');
  });

  it('classifies an endpoint with both inputs', () => {
    const endpoint = structuredClone(catalog.endpoints.get('/flux-dev-lora')!);
    endpoint.inputs.push({ name: 'face', type: 'media', role: 'reference', required: false, media: 'IMAGE', encoding: 'BASE64', accept: ['image/png'] });
    expect(classifyEndpoint(endpoint)).toBe('REFERENCE_AND_LORA');
  });

  it('does not count a mask as a reference', () => {
    const endpoint = structuredClone(catalog.endpoints.get('/flux')!);
    endpoint.inputs.push({ name: 'mask', type: 'media', role: 'mask', required: false, media: 'IMAGE', encoding: 'BASE64', accept: ['image/png'] });
    expect(classifyEndpoint(endpoint)).toBe('NEITHER');
  });

  it('explains a primary tier with the deciding inputs', () => {
    const decision = tiers.get('/sdxl-instantid')!;
    expect(decision.referenceInputs).toEqual(['reference_image']);
    expect(decision.reason).toContain('"reference_image"');
    expect(tiers.get('/wan2.6-lora')!.reason).toContain('"lora_id", "lora_name"');
  });

  it('explains a supporting tier', () => {
    expect(tiers.get('/flux-dev')!.reason).toMatch(/No reference image or video input and no LoRA input/);
  });
});

describe('tier overrides', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), 'catalog.json');
  const raw = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));
  raw.tierOverrides = [{ path: '/wan2.6-r2v', tier: 'SUPPORTING', reason: 'Its graph ignores the reference videos.' }];
  writeFileSync(file, JSON.stringify(raw));
  const overridden = loadCatalog(file);

  it('applies the override and keeps the derived tier', () => {
    const decision = decideTier(overridden, overridden.endpoints.get('/wan2.6-r2v')!);
    expect(decision.tier).toBe('SUPPORTING');
    expect(decision.derivedTier).toBe('PRIMARY');
    expect(decision.override).toEqual({ tier: 'SUPPORTING', reason: 'Its graph ignores the reference videos.' });
    expect(decision.reason).toContain('Its graph ignores the reference videos.');
  });

  it('hides the overridden endpoint from clients', () => {
    const view = { catalog: overridden, tiers: decideAllTiers(overridden) };
    const clientPaths = listVisibleEndpoints(view, 'client').map((endpoint) => endpoint.path);
    expect(clientPaths).toHaveLength(11);
    expect(clientPaths).not.toContain('/wan2.6-r2v');
  });
});
