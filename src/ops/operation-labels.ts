/**
 * Turns GraphQL operation names into metric label values with bounded cardinality. Callers pick
 * operation names freely, so without a cap every new name would add a time series.
 */

/** Label of a request without a resolved operation name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** Label of names that are too long or arrive after the distinct-name limit is reached. */
export const OTHER_OPERATION = 'other';
export const MAX_OPERATION_NAME_LENGTH = 64;
export const MAX_DISTINCT_OPERATIONS = 200;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Remembers the first `maxDistinct` operation names it receives and labels them as themselves.
 * Later new names share the label `other`, so the label set never exceeds `maxDistinct + 2`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly maxDistinct = MAX_DISTINCT_OPERATIONS) {}

  /** Returns the label value for `operationName`. */
  labelOf(operationName: string | null): string {
    if (operationName === null || operationName === '') {
      return ANONYMOUS_OPERATION;
    }
    if (operationName.length > MAX_OPERATION_NAME_LENGTH || !GRAPHQL_NAME.test(operationName)) {
      return OTHER_OPERATION;
    }
    if (this.seen.has(operationName)) {
      return operationName;
    }
    if (this.seen.size >= this.maxDistinct) {
      return OTHER_OPERATION;
    }
    this.seen.add(operationName);
    return operationName;
  }
}
