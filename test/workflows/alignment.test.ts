/**
 * Alignment of real endpoints (the project catalog) against the real RunComfy workflows. Each
 * expectation can be checked by opening the endpoint facts in catalog/catalog.json and the
 * workflow file named in the mapping.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { catalogFileSchema, type EndpointFacts, type MappingFacts } from '../../src/catalog/schema.js';
import { computeAlignment, rankAlignments, type Alignment, type ParameterAlignment } from '../../src/workflows/index.js';
import { loadShared, repoRoot } from './harness.js';

const catalog = catalogFileSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'catalog/catalog.json'), 'utf8')));

function endpoint(pathName: string): EndpointFacts {
  const facts = catalog.endpoints.find((entry) => entry.path === pathName);
  if (!facts) throw new Error(`expected endpoint ${pathName} in the catalog`);
  return facts;
}

function mapping(pathName: string, workflow: string | null): MappingFacts {
  const facts = catalog.mappings.find((entry) => entry.endpoint === pathName && entry.workflow === workflow);
  if (!facts) throw new Error(`expected a mapping ${pathName} -> ${String(workflow)} in the catalog`);
  return facts;
}

function align(pathName: string, workflow: string): Alignment {
  return computeAlignment(endpoint(pathName), mapping(pathName, workflow), loadShared(workflow));
}

function parameter(alignment: Alignment, name: string): ParameterAlignment {
  const found = alignment.parameters.find((entry) => entry.parameter === name);
  if (!found) throw new Error(`expected parameter ${name} in the alignment of ${alignment.endpoint}`);
  return found;
}

const FLUX_ART = 'comfyui-flux-a-new-art-image-generation';

describe('/flux-dev against the FLUX art workflow', () => {
  const alignment = align('/flux-dev', FLUX_ART);

  it('finds steps, cfg, sampler and scheduler the same', () => {
    expect(parameter(alignment, 'steps')).toMatchObject({ status: 'SAME', endpointValue: 20, workflowValue: 20 });
    expect(parameter(alignment, 'cfg')).toMatchObject({
      status: 'SAME',
      endpointValue: 1,
      workflowValue: 1,
      verdict: 'Same: 1 (fixed by BasicGuider #22).',
    });
    // The endpoint has no sampler inputs; its purpose text names "euler/simple".
    expect(parameter(alignment, 'sampler_name')).toMatchObject({ status: 'SAME', endpointInput: null, endpointValue: 'euler' });
    expect(parameter(alignment, 'scheduler')).toMatchObject({ status: 'SAME', endpointInput: null, endpointValue: 'simple' });
    expect(parameter(alignment, 'width').status).toBe('SAME');
    expect(alignment.gapCount).toBe(0);
  });

  it('reports the Schnell UNET as a model difference', () => {
    // UNETLoader #12 loads flux/flux1-schnell.sft; the endpoint's purpose names flux1-dev.
    expect(alignment.model).toMatchObject({
      same: false,
      endpointFamily: { id: 'flux-dev' },
      workflowFamily: { id: 'flux-schnell' },
      workflowModels: ['flux/flux1-schnell.sft'],
    });
    expect(alignment.distance).toBe(2);
    expect(alignment.summary).toBe('Model differs (endpoint Flux Dev, workflow Flux Schnell); 6 same, no parameter gaps.');
  });

  it('does not count the seed', () => {
    expect(parameter(alignment, 'seed')).toMatchObject({ status: 'DIFFERENT', distance: 0, endpointValue: '42', workflowValue: '417264191485848' });
  });
});

describe('/flux against the FLUX art workflow', () => {
  const alignment = align('/flux', FLUX_ART);

  it('counts the step gap because both run Flux Schnell', () => {
    // The workflow ships flux1-schnell.sft (UNETLoader #12) yet samples 20 steps (BasicScheduler #17);
    // the same model family means the gap is real, not a model difference.
    expect(alignment.model).toMatchObject({ same: true, workflowFamily: { id: 'flux-schnell', stepRegime: 'FEW_STEP' } });
    expect(parameter(alignment, 'steps')).toMatchObject({
      status: 'DIFFERENT',
      endpointValue: 4,
      workflowValue: 20,
      explainedByModel: false,
      distance: 0.8,
      verdict: 'Endpoint 4, workflow 20 (widget "steps" of BasicScheduler #17).',
    });
    expect(alignment.gapCount).toBe(1);
  });

  it('finds cfg, sampler and scheduler the same', () => {
    expect(parameter(alignment, 'cfg').status).toBe('SAME');
    expect(parameter(alignment, 'sampler_name').status).toBe('SAME');
    expect(parameter(alignment, 'scheduler').status).toBe('SAME');
  });
});

describe('/sdxl-instantid against the InstantID workflow', () => {
  const alignment = align('/sdxl-instantid', 'comfyui-instantid-workflow');

  it('lists the sampler and size differences', () => {
    expect(alignment.model).toMatchObject({ same: true, workflowFamily: { id: 'sdxl' } });
    // KSampler #3: 30 steps, cfg 4.5, ddpm/karras; EmptyLatentImage #5: 1152x896.
    expect(parameter(alignment, 'steps')).toMatchObject({ status: 'DIFFERENT', endpointValue: 20, workflowValue: 30, explainedByModel: false });
    expect(parameter(alignment, 'cfg')).toMatchObject({ status: 'DIFFERENT', endpointValue: 7, workflowValue: 4.5 });
    expect(parameter(alignment, 'sampler_name')).toMatchObject({ status: 'DIFFERENT', endpointValue: 'euler', workflowValue: 'ddpm' });
    expect(parameter(alignment, 'scheduler')).toMatchObject({ status: 'DIFFERENT', endpointValue: 'normal', workflowValue: 'karras' });
    expect(parameter(alignment, 'width')).toMatchObject({ status: 'DIFFERENT', workflowValue: 1152 });
    expect(parameter(alignment, 'height')).toMatchObject({ status: 'DIFFERENT', workflowValue: 896 });
  });

  it('matches the InstantID weight of both ApplyInstantID nodes', () => {
    expect(parameter(alignment, 'instantid_weight')).toMatchObject({
      status: 'SAME',
      endpointInput: 'instantid_strength',
      endpointValue: 0.8,
      verdict: 'Same: 0.8. The workflow applies it 2 times (#60, #67), all with the same value.',
    });
    expect(alignment.gapCount).toBe(6);
  });
});

describe('/flux-pulid against the PuLID workflow', () => {
  const alignment = align('/flux-pulid', 'comfyui-pulid-customized-face-generation');

  it('explains steps and guidance by the SDXL Turbo checkpoint', () => {
    // CheckpointLoaderSimple #4 loads sdxl/dreamshaperXL_v21TurboDPMSDE.safetensors.
    expect(alignment.model).toMatchObject({ same: false, endpointFamily: { id: 'flux-dev' }, workflowFamily: { id: 'sdxl-turbo' } });
    expect(parameter(alignment, 'steps')).toMatchObject({ status: 'DIFFERENT', explainedByModel: true, distance: 0 });
    // The endpoint's Flux guidance is compared with KSampler #3's cfg, the workflow's only guidance.
    expect(parameter(alignment, 'guidance')).toMatchObject({
      status: 'DIFFERENT',
      endpointValue: 3.5,
      workflowValue: 6,
      explainedByModel: true,
      workflowSource: expect.objectContaining({ nodeId: '3' }),
    });
    expect(alignment.parameters.some((entry) => entry.parameter === 'cfg')).toBe(false);
  });

  it('matches the PuLID weights of ApplyPulid #33', () => {
    expect(parameter(alignment, 'pulid_weight')).toMatchObject({ status: 'SAME', endpointValue: 0.9, workflowValue: 0.9 });
    expect(parameter(alignment, 'pulid_start_at')).toMatchObject({ status: 'SAME', endpointValue: 0, workflowValue: 0 });
    expect(parameter(alignment, 'pulid_end_at')).toMatchObject({ status: 'SAME', endpointValue: 1, workflowValue: 1 });
  });

  it('reports the image-sized latent and the extra IP-Adapter', () => {
    expect(parameter(alignment, 'width')).toMatchObject({ status: 'RUNTIME', workflowValue: null });
    expect(parameter(alignment, 'ipadapter_weight')).toMatchObject({ status: 'ONLY_WORKFLOW', workflowValue: 1, endpointInput: null });
  });
});

describe('/wan2.6-lora against the Wan 2.1 LoRA workflow', () => {
  const alignment = align('/wan2.6-lora', 'wan-2-1-lora-customizable-ai-video-generation');

  it('counts the step gap because Wan 2.1 and 2.6 sample alike', () => {
    expect(alignment.model).toMatchObject({ same: false, endpointFamily: { id: 'wan2.6' }, workflowFamily: { id: 'wan2.1' } });
    // WanVideoSampler #27: 18 steps, cfg 6.
    expect(parameter(alignment, 'steps')).toMatchObject({ status: 'DIFFERENT', endpointValue: 30, workflowValue: 18, explainedByModel: false });
    expect(parameter(alignment, 'cfg')).toMatchObject({ status: 'SAME', workflowValue: 6 });
  });

  it('compares frames, frame rate and LoRA strength', () => {
    // WanVideoImageToVideoEncode #54: 81 frames; VHS_VideoCombine #30: 16 fps; WanVideoLoraSelect #41: strength 1.
    expect(parameter(alignment, 'length')).toMatchObject({ status: 'DIFFERENT', endpointValue: 33, workflowValue: 81 });
    expect(parameter(alignment, 'fps')).toMatchObject({ status: 'SAME', workflowValue: 16 });
    expect(parameter(alignment, 'lora_strength')).toMatchObject({
      status: 'SAME',
      workflowSource: expect.objectContaining({ nodeId: '41' }),
    });
    expect(parameter(alignment, 'width')).toMatchObject({ status: 'RUNTIME', workflowSource: expect.objectContaining({ nodeId: '56' }) });
    expect(alignment.summary).toBe('Model differs (endpoint Wan 2.6, workflow Wan 2.1); 3 same, 3 gaps: length, steps, sampler_name.');
  });
});

describe('alignment overview', () => {
  it('gives NO_WORKFLOW for a mapping without workflow', () => {
    const alignment = computeAlignment(endpoint('/qwen-image-2512'), mapping('/qwen-image-2512', null), null);

    expect(alignment).toMatchObject({ status: 'NO_WORKFLOW', parameters: [], distance: null, model: null, gapCount: 0 });
    expect(alignment.summary).toBe('No workflow is mapped to this endpoint.');
  });

  it('ranks the most different mapping first and NO_WORKFLOW last', () => {
    const alignments = catalog.mappings.map((entry) => {
      const facts = endpoint(entry.endpoint);
      return computeAlignment(facts, entry, entry.workflow ? loadShared(entry.workflow) : null);
    });

    const ranked = rankAlignments(alignments);

    const distances = ranked.map((entry) => entry.distance);
    const compared = distances.filter((distance): distance is number => distance !== null);
    expect(compared).toEqual([...compared].sort((a, b) => b - a));
    expect(distances.slice(compared.length).every((distance) => distance === null)).toBe(true);
    expect(ranked.at(-1)?.status).toBe('NO_WORKFLOW');
    expect(ranked).not.toBe(alignments);
    expect(ranked.find((entry) => entry.endpoint === '/video-faceswap')?.distance).toBe(0.167);
  });
});
