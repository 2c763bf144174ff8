import { describe, expect, it } from 'vitest';

import { latentOf, loadFixture, loraOf, samplerOf } from './harness.js';

describe('subgraphs', () => {
  const summary = loadFixture('subgraphs.json');

  it('expands each instance under its own execution ids', () => {
    const ids = summary.nodes.map((node) => node.id);

    expect(ids).toEqual(expect.arrayContaining(['10:1', '10:2', '11:1', '11:2', '12:2', '13:2', '10:3:1', '11:3:1']));
    expect(latentOf(summary, '10:1')).toMatchObject({ width: { value: 640 }, height: { value: 960 } });
    expect(samplerOf(summary, '10:2').latentNodeId).toBe('10:1');
  });

  it('uses the value promoted onto the instance', () => {
    expect(samplerOf(summary, '10:2').seed).toMatchObject({
      value: '111',
      source: 'WIDGET',
      nodeId: '10',
      staleWidgetValue: '5',
      detail: 'widget promoted onto subgraph "Sampler stage" #10 "Stage one"',
    });
  });

  it('follows a linked instance input out to the root graph', () => {
    expect(samplerOf(summary, '11:2').seed).toMatchObject({ value: '222', source: 'LINK', nodeId: '20', via: ['11'], control: 'fixed' });
  });

  it('reads the control slot of an older save', () => {
    expect(samplerOf(summary, '12:2').seed).toMatchObject({ value: '333', source: 'RUNTIME', nodeId: '12', control: 'increment' });
  });

  it('passes the model through a nested subgraph', () => {
    const sampler = samplerOf(summary, '10:2');

    expect(sampler.modelNodeIds).toEqual(['1']);
    expect(sampler.loraNodeIds).toEqual(['10:3:1']);
    expect(loraOf(summary, '10:3:1')).toMatchObject({ active: true, strengthModel: { value: 0.7 } });
    expect(summary.nodes.find((node) => node.id === '10:3:1')?.subgraphPath).toEqual([
      { instanceId: '10', name: 'Sampler stage', kind: 'SUBGRAPH' },
      { instanceId: '10:3', name: 'LoRA', kind: 'SUBGRAPH' },
    ]);
  });

  it('mutes the nodes inside a muted instance', () => {
    expect(summary.nodes.find((node) => node.id === '13:2')?.mode).toBe('MUTED');
    expect(samplerOf(summary, '13:2').active).toBe(false);
    expect(loraOf(summary, '13:3:1')).toMatchObject({ active: false, inactiveReason: 'MUTED' });
    expect(summary.primarySamplerId).toBe('10:2');
    expect(summary.warnings).toEqual([]);
  });
});

describe('legacy group nodes', () => {
  const summary = loadFixture('group-node.json');

  it('applies the instance widget values to the inner nodes', () => {
    const sampler = samplerOf(summary, '2:1');

    expect(sampler.seed).toMatchObject({ value: '4242', source: 'WIDGET', nodeId: '2:1', control: 'fixed' });
    expect(sampler).toMatchObject({ steps: { value: 28 }, cfg: { value: 5.5 } });
    expect(latentOf(summary, '2:0')).toMatchObject({ width: { value: 768 }, height: { value: 512 }, batchSize: { value: 2 } });
  });

  it('wires group inputs and inner links', () => {
    const sampler = samplerOf(summary, '2:1');

    expect(sampler.latentNodeId).toBe('2:0');
    expect(sampler.modelNodeIds).toEqual(['1']);
    expect(summary.nodes.find((node) => node.id === '2:1')?.subgraphPath).toEqual([
      { instanceId: '2', name: 'workflow>Sampler pair', kind: 'GROUP_NODE' },
    ]);
  });

  it('reports a group node without definition', () => {
    expect(summary.warnings).toEqual([
      {
        code: 'GROUP_NODE_DEFINITION_MISSING',
        message: 'group node "workflow/Old style" has no definition under extra.groupNodes["Old style"]; its inner nodes are unknown',
        nodeId: '3',
        nodeType: 'workflow/Old style',
      },
    ]);
  });
});
