import { describe, expect, it } from 'vitest';

import { parseWorkflowText, WorkflowError } from '../../src/workflows/index.js';
import { latentOf, loadFixture, loraOf, samplerOf } from './harness.js';

describe('big seeds', () => {
  it('keeps every digit in the graph format', () => {
    const summary = loadFixture('big-seeds.json');

    expect(samplerOf(summary, '1').seed?.value).toBe('18446744073709551615');
    expect(samplerOf(summary, '3').seed).toMatchObject({ value: '9007199254740993', nodeId: '2' });
  });

  it('keeps every digit in the API format', () => {
    expect(samplerOf(loadFixture('api-prompt.json'), '3').seed?.value).toBe('18446744073709551615');
  });
});

describe('API format', () => {
  const summary = loadFixture('api-prompt.json');

  it('reads inputs by name and links as [id, slot]', () => {
    const sampler = samplerOf(summary, '3');

    expect(summary.format).toBe('API');
    expect(summary.formatVersion).toBeNull();
    expect(sampler).toMatchObject({ title: 'Main sampler', steps: { value: 28 }, cfg: { value: 3.5 }, scheduler: { value: 'karras' } });
    expect(sampler.modelNodeIds).toEqual(['4']);
    expect(latentOf(summary, '5')).toMatchObject({ width: { value: 896 }, height: { value: 1152 } });
  });

  it('flags a LoRA that feeds no sampler', () => {
    expect(loraOf(summary, '6')).toMatchObject({ active: false, inactiveReason: 'NOT_CONNECTED', strengthModel: { value: 0.6 } });
  });
});

describe('embedded API prompt', () => {
  it('reads the graph and ignores extra.prompt', () => {
    const summary = loadFixture('embedded-prompt.json');

    expect(samplerOf(summary, '3')).toMatchObject({ seed: { value: '7' }, steps: { value: 24 }, samplerName: { value: 'euler' } });
    expect(summary.warnings).toEqual([
      {
        code: 'EMBEDDED_PROMPT_IGNORED',
        message: 'extra.prompt contains an API prompt with 1 node; it is ignored because the graph is authoritative',
        nodeId: null,
        nodeType: null,
      },
    ]);
  });
});

describe('unreadable text', () => {
  function parseError(text: string): WorkflowError {
    try {
      parseWorkflowText(text, { file: 'broken/workflow.json' });
    } catch (error) {
      if (error instanceof WorkflowError) return error;
      throw error;
    }
    throw new Error('expected parseWorkflowText to throw');
  }

  it('reports invalid JSON with file, line and column', () => {
    const error = parseError('{\n  "nodes": [\n    { "id": 1 "type": "KSampler" }\n  ]\n}');

    expect(error.code).toBe('INVALID_JSON');
    expect(error.file).toBe('broken/workflow.json');
    expect([error.line, error.column]).toEqual([3, 15]);
    expect(error.message).toBe(
      'broken/workflow.json is not valid JSON: expected "," or "}" after an object member at line 3, column 15; fix the file or export it again from ComfyUI',
    );
  });

  it('rejects JSON in neither format', () => {
    const error = parseError('{"prompt": "a cat", "steps": 20}');

    expect(error.code).toBe('UNRECOGNISED_FORMAT');
    expect(error.message).toBe(
      'broken/workflow.json is neither ComfyUI format: expected an object with a "nodes" array (the editor\'s graph) or an object of {"class_type", "inputs"} entries (the API prompt), but found an object with keys "prompt", "steps"',
    );
  });
});
