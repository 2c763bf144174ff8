import { GraphQLError } from 'graphql';

import type { GenerationRecord } from '../store/index.js';
import { cursorFor } from '../store/index.js';

export const MAX_PAGE_SIZE = 100;

/**
 * Checks a requested page size.
 *
 * @throws GraphQLError BAD_USER_INPUT outside 1 to 100.
 */
export function validatePageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(`Argument "first" must be from 1 to ${MAX_PAGE_SIZE}; got ${size}.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  }
  return size;
}

/** Shapes a store page as a GraphQL connection. */
export function toPage(page: { items: GenerationRecord[]; endCursor: string | null; hasNextPage: boolean }) {
  return {
    edges: page.items.map((node) => ({ cursor: cursorFor(node), node })),
    nodes: page.items,
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
  };
}
