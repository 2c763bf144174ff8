import { describe, expect, it } from 'vitest';

import { loadFixture, samplerOf } from './harness.js';

describe('widget layouts', () => {
  const summary = loadFixture('layouts.json');

  it('reads both DualCLIPLoader versions', () => {
    const clips = summary.models.filter((model) => model.kind === 'CLIP').map((model) => `${model.nodeId}:${model.name}`);

    expect(clips).toEqual(['1:t5xxl_fp16.safetensors', '1:clip_l.safetensors', '2:t5xxl_fp8.safetensors', '2:clip_g.safetensors']);
  });

  it('picks the SeedVR2 version by value kinds', () => {
    const upscaler = summary.upscalers.find((entry) => entry.nodeId === '3');

    expect(upscaler).toMatchObject({ resolution: { value: 1440 }, seed: { value: '77' } });
    expect(upscaler?.extra.map((entry) => entry.name)).toEqual(['batch_size']);
  });

  it('reads widgets_values stored as an object', () => {
    expect(summary.videoOutputs).toEqual([
      {
        nodeId: '4',
        nodeType: 'VHS_VideoCombine',
        active: true,
        fps: expect.objectContaining({ value: 24, source: 'WIDGET', nodeId: '4' }),
      },
    ]);
  });

  it('keeps a title that differs from the type', () => {
    expect(summary.nodes.find((node) => node.id === '6')).toMatchObject({ type: 'KSampler', title: 'Base pass' });
    expect(samplerOf(summary, '6').title).toBe('Base pass');
  });

  it('reports missing values, unknown layouts and unknown types', () => {
    expect(summary.warnings).toEqual([
      {
        code: 'MISSING_WIDGET_VALUES',
        message: 'node EmptyLatentImage #5 has no widgets_values; its settings are unknown (ComfyUI would use the node defaults)',
        nodeId: '5',
        nodeType: 'EmptyLatentImage',
      },
      {
        code: 'UNKNOWN_WIDGET_LAYOUT',
        message:
          'node KSampler #7 stores 5 widget values in a layout this parser does not know (expected 7 or 6 values); its values are not read',
        nodeId: '7',
        nodeType: 'KSampler',
      },
      {
        code: 'UNKNOWN_NODE_TYPE',
        message: 'node type "MysteryNode" is not in the widget layout table; its values are not read',
        nodeId: '8',
        nodeType: 'MysteryNode',
      },
    ]);
  });

  it('never guesses values for an unknown layout', () => {
    expect(samplerOf(summary, '7')).toMatchObject({ seed: null, steps: null, cfg: null });
    expect(summary.latents.find((latent) => latent.nodeId === '5')).toMatchObject({ width: null, height: null });
    expect(summary.nodes.find((node) => node.id === '8')?.known).toBe(false);
  });
});
