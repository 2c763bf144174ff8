import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/catalog/catalog.js';
import { ConfigError } from '../../src/errors/config-error.js';

function writeCatalog(mutate: (catalog: any) => void): string {
  const raw = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));
  mutate(raw);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), 'catalog.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

function loadError(file: string): ConfigError {
  try {
    loadCatalog(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadCatalog to throw');
}

describe('built-in catalog', () => {
  const catalog = loadCatalog();

  it('lists 21 endpoints in six apps', () => {
    expect(catalog.endpoints.size).toBe(21);
    expect(catalog.apps.size).toBe(6);
    expect(new Set([...catalog.endpoints.values()].map((endpoint) => endpoint.app)).size).toBe(6);
  });

  it('records four removed endpoints with alternatives', () => {
    expect(Object.fromEntries([...catalog.removedEndpoints].map(([key, value]) => [key, value.alternative]))).toEqual({
      '/wan2': '/wan2.6',
      '/flux-instantid': '/sdxl-instantid',
      '/z-image-instantid': '/sdxl-instantid',
      '/z-image-pulid': '/flux-pulid',
    });
    for (const removed of catalog.removedEndpoints.values()) {
      expect(removed.reason.length).toBeGreaterThan(10);
    }
  });

  it('deprioritises sdxl-lightning in favour of sdxl-turbo', () => {
    const entry = catalog.lifecycle.get('/sdxl-lightning');
    expect(entry?.status).toBe('DEPRIORITISED');
    expect(entry?.preferred).toBe('/sdxl-turbo');
  });

  it('names 13 shortlist workflows through the mappings', () => {
    const slugs = new Set(catalog.file.mappings.map((mapping) => mapping.workflow).filter(Boolean));
    expect(slugs.size).toBe(13);
    expect(catalog.workflows.size).toBe(13);
  });

  it('maps one endpoint to several workflows and one workflow to several endpoints', () => {
    expect(catalog.mappingsByEndpoint.get('/seedvr2')?.length).toBe(2);
    expect(catalog.mappingsByEndpoint.get('/flux-dev-lora')?.length).toBe(2);
    const fluxShared = catalog.mappingsByWorkflow.get('comfyui-flux-a-new-art-image-generation')?.map((mapping) => mapping.endpoint);
    expect(fluxShared).toEqual(expect.arrayContaining(['/flux', '/flux-dev']));
  });

  it('keeps unmapped endpoints with relation, action and note', () => {
    const unmapped = ['/qwen-image-2512-lora', '/sdxl-lightning', '/qwen-image-2512', '/qwen-image-2512-fast', '/z-image-simple', '/z-image-danrisi', '/wan2.6-r2v'];
    for (const path of unmapped) {
      const mappings = catalog.mappingsByEndpoint.get(path) ?? [];
      expect(mappings, path).toHaveLength(1);
      expect(mappings[0]?.workflow, path).toBeNull();
      expect(mappings[0]?.action.length, path).toBeGreaterThan(0);
      expect(mappings[0]?.note.length, path).toBeGreaterThan(0);
    }
  });

  it('keeps the known defects as endpoint notes', () => {
    expect(catalog.endpoints.get('/sdxl-turbo')?.notes.join(' ')).toMatch(/404/);
    expect(catalog.endpoints.get('/sdxl-lightning')?.notes.join(' ')).toMatch(/404/);
    expect(catalog.endpoints.get('/wan2.6-r2v')?.notes.join(' ')).toMatch(/never uses them/);
  });

  it('has six gap summary groups', () => {
    expect(catalog.file.gapSummary.map((group) => group.key)).toEqual([
      'PORT_OR_ALIGN_FIRST',
      'PORT_OR_ALIGN_LORA',
      'FIX_STABILITY_ONLY',
      'ALIGN_SUPPORTING',
      'DEPRIORITISE_OR_DISABLE',
      'DOCUMENT_ONLY',
    ]);
  });

  it('keeps the seedvr2 default seed exact', () => {
    const seed = catalog.endpoints.get('/seedvr2')?.inputs.find((input) => input.name === 'seed');
    expect(seed?.type).toBe('integer');
    expect(seed && 'default' in seed ? seed.default : undefined).toBe('4105349922');
  });
});

describe('catalog validation', () => {
  it('names file, path and value for a wrong input type', () => {
    const file = writeCatalog((catalog) => {
      catalog.endpoints[2].inputs[1].type = 'picture';
    });
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.issues[0]?.path).toBe('endpoints[2].inputs[1].type');
    expect(error.message).toContain('"picture"');
  });

  it('rejects an endpoint of an unknown app', () => {
    const file = writeCatalog((catalog) => {
      catalog.endpoints[0].app = 'ryla-missing';
    });
    const error = loadError(file);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'endpoints[0].app', value: 'ryla-missing' })]);
  });

  it('rejects a default outside its bounds', () => {
    const file = writeCatalog((catalog) => {
      const width = catalog.endpoints[0].inputs.find((input: any) => input.name === 'width');
      width.default = 99999;
    });
    const error = loadError(file);
    expect(error.issues[0]?.path).toMatch(/^endpoints\[0\]\.inputs\[\d+\]\.default$/);
    expect(error.issues[0]?.value).toBe(99999);
  });

  it('rejects a mapping to an unknown workflow', () => {
    const file = writeCatalog((catalog) => {
      catalog.mappings[0].workflow = 'no-such-workflow';
    });
    expect(loadError(file).issues).toEqual([expect.objectContaining({ path: 'mappings[0].workflow', value: 'no-such-workflow' })]);
  });

  it('rejects a tier override of an unknown path', () => {
    const file = writeCatalog((catalog) => {
      catalog.tierOverrides.push({ path: '/nope', tier: 'SUPPORTING', reason: 'test' });
    });
    expect(loadError(file).issues).toEqual([expect.objectContaining({ path: 'tierOverrides[0].path', value: '/nope' })]);
  });

  it('rejects a client deadline at the server timeout', () => {
    const file = writeCatalog((catalog) => {
      catalog.endpoints[0].clientDeadlineSeconds = 1800;
    });
    expect(loadError(file).issues).toEqual([expect.objectContaining({ path: 'endpoints[0].clientDeadlineSeconds', value: 1800 })]);
  });

  it('reports invalid JSON with the file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), 'broken.json');
    writeFileSync(file, '{"version": 1,');
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('reports a missing file with the fix', () => {
    const error = loadError('/nonexistent/catalog.json');
    expect(error.message).toContain('/nonexistent/catalog.json');
    expect(error.message).toContain('CATALOG_PATH');
  });
});
