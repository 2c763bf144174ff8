/**
 * GraphQL errors that resolvers raise. Each has a stable `extensions.code`; callers branch on the
 * code and people read the message.
 */
import { GraphQLError } from 'graphql';

/** Codes whose messages are written for callers and may reach them unchanged. */
export const CLIENT_SAFE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'TOO_MANY_IN_FLIGHT',
  'OPERATION_LIMIT_EXCEEDED',
  'PAYLOAD_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'SERVICE_UNAVAILABLE',
]);

/** Creates the same error for an unknown path and for a path the caller may not see. */
export function endpointNotFound(path: string): GraphQLError {
  return new GraphQLError(`No endpoint "${truncate(path)}" is available. Query "capabilities" for the endpoints you can call.`, {
    extensions: { code: 'NOT_FOUND' },
  });
}

/** Raised for a missing or unknown API key. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError('Missing or unknown API key. Send the header "Authorization: Bearer <key>".', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

/** Cuts a caller-supplied string for an error message. */
export function truncate(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}
