/**
 * Operation-name labels: absent names, over-long or invalid names, and the distinct-name cap.
 */
import { describe, expect, it } from 'vitest';

import {
  ANONYMOUS_OPERATION,
  MAX_DISTINCT_OPERATIONS,
  MAX_OPERATION_NAME_LENGTH,
  OperationLabels,
  OTHER_OPERATION,
} from '../../src/ops/operation-labels.js';

describe('OperationLabels', () => {
  it('labels an absent name anonymous', () => {
    const labels = new OperationLabels();
    expect(labels.labelOf(null)).toBe(ANONYMOUS_OPERATION);
    expect(labels.labelOf('')).toBe(ANONYMOUS_OPERATION);
  });

  it('keeps a valid name as its label', () => {
    const labels = new OperationLabels();
    expect(labels.labelOf('CreateGeneration')).toBe('CreateGeneration');
    expect(labels.labelOf('CreateGeneration')).toBe('CreateGeneration');
  });

  it('labels over-long and invalid names other', () => {
    const labels = new OperationLabels();
    expect(labels.labelOf('a'.repeat(MAX_OPERATION_NAME_LENGTH))).toBe('a'.repeat(MAX_OPERATION_NAME_LENGTH));
    expect(labels.labelOf('a'.repeat(MAX_OPERATION_NAME_LENGTH + 1))).toBe(OTHER_OPERATION);
    expect(labels.labelOf('not a name')).toBe(OTHER_OPERATION);
    expect(labels.labelOf('9Lives')).toBe(OTHER_OPERATION);
  });

  it('caps distinct names and keeps the first ones', () => {
    const labels = new OperationLabels();
    for (let index = 0; index < MAX_DISTINCT_OPERATIONS; index += 1) {
      expect(labels.labelOf(`Op${index}`)).toBe(`Op${index}`);
    }
    expect(labels.labelOf('OneTooMany')).toBe(OTHER_OPERATION);
    expect(labels.labelOf('Op0')).toBe('Op0');
    expect(labels.labelOf(`Op${MAX_DISTINCT_OPERATIONS - 1}`)).toBe(`Op${MAX_DISTINCT_OPERATIONS - 1}`);
  });

  it('does not count rejected names toward the cap', () => {
    const labels = new OperationLabels(2);
    labels.labelOf('x'.repeat(100));
    labels.labelOf(null);
    expect(labels.labelOf('First')).toBe('First');
    expect(labels.labelOf('Second')).toBe('Second');
    expect(labels.labelOf('Third')).toBe(OTHER_OPERATION);
  });
});
