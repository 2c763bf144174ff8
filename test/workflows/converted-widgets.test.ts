import { describe, expect, it } from 'vitest';

import { latentOf, loadFixture, samplerOf } from './harness.js';

describe('converted widgets', () => {
  const summary = loadFixture('converted-widgets.json');
  const sampler = samplerOf(summary, '4');

  it('follows a seed link through Reroute to a PrimitiveNode', () => {
    expect(sampler.seed).toEqual({
      value: '123456789012345678',
      source: 'LINK',
      nodeId: '2',
      via: ['3'],
      staleWidgetValue: '5',
      control: 'fixed',
      detail: 'linked from PrimitiveNode #2 "Seed" via #3',
    });
  });

  it('follows GetNode to the SetNode of the same name', () => {
    expect(sampler.steps).toMatchObject({ value: 30, source: 'LINK', nodeId: '7', via: ['8', '5'], staleWidgetValue: 25 });
  });

  it('marks a value computed by another node as runtime', () => {
    expect(sampler.cfg).toMatchObject({ value: null, source: 'RUNTIME', nodeId: '9', staleWidgetValue: 6.5 });
    expect(summary.warnings).toContainEqual({
      code: 'UNKNOWN_NODE_TYPE',
      message: 'node type "SimpleMath+" is not in the widget layout table; its values are not read',
      nodeId: '9',
      nodeType: 'SimpleMath+',
    });
  });

  it('keeps unconverted widgets of the same node', () => {
    expect(sampler.samplerName).toMatchObject({ value: 'euler', source: 'WIDGET', nodeId: '4', staleWidgetValue: null });
    expect(sampler.modelNodeIds).toEqual(['1']);
    expect(latentOf(summary, '6')).toMatchObject({ width: { value: 832 }, height: { value: 1216 } });
  });
});

describe('control_after_generate', () => {
  const summary = loadFixture('control-values.json');

  it.each([
    ['1', 'randomize', 'RUNTIME'],
    ['2', 'fixed', 'WIDGET'],
    ['3', 'increment', 'RUNTIME'],
    ['4', null, 'WIDGET'],
    ['5', null, 'WIDGET'],
  ] as const)('KSampler #%s reads control %s', (nodeId, control, source) => {
    const seed = samplerOf(summary, nodeId).seed;

    expect(seed?.value).toBe(String(1000 + Number(nodeId)));
    expect(seed?.control).toBe(control);
    expect(seed?.source).toBe(source);
  });

  it('reads the widgets after the control slot', () => {
    expect(samplerOf(summary, '4')).toMatchObject({ steps: { value: 20 }, cfg: { value: 7 }, samplerName: { value: 'euler' } });
    expect(summary.warnings).toEqual([]);
  });
});
