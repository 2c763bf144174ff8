import { describe, expect, it } from 'vitest';

import { loadFixture, loraOf, samplerOf } from './harness.js';

describe('muted and bypassed nodes', () => {
  const summary = loadFixture('modes.json');

  it('lists them by mode', () => {
    expect(summary.bypassedNodeIds).toEqual(['2']);
    expect(summary.mutedNodeIds).toEqual(['3', '5', '8']);
  });

  it('passes the model through a bypassed LoRA loader', () => {
    const sampler = samplerOf(summary, '4');

    expect(sampler.modelNodeIds).toEqual(['1']);
    expect(sampler.loraNodeIds).toEqual([]);
    expect(loraOf(summary, '2')).toMatchObject({ active: false, inactiveReason: 'BYPASSED', title: 'Style LoRA' });
    expect(loraOf(summary, '3')).toMatchObject({ active: false, inactiveReason: 'MUTED' });
  });

  it('keeps a muted sampler out of the primary choice', () => {
    expect(samplerOf(summary, '5')).toMatchObject({ active: false, steps: { value: 50 } });
    expect(summary.primarySamplerId).toBe('4');
  });

  it('reports a widget linked to a muted node', () => {
    expect(samplerOf(summary, '7').seed).toMatchObject({ value: null, source: 'LINK', nodeId: '8', staleWidgetValue: '13' });
    expect(summary.warnings).toEqual([
      {
        code: 'LINK_TO_INACTIVE_NODE',
        message: 'widget "seed" of KSampler #7 is linked to PrimitiveNode #8, which produces nothing; ComfyUI would reject the prompt',
        nodeId: '7',
        nodeType: 'KSampler',
      },
    ]);
  });
});
