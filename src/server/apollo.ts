/**
 * One Apollo Server per role, each with its own schema and its own parsed-document cache, so a
 * document validated for the internal role is never reused for a client.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

import type { Role } from '../config/config.js';
import { CLIENT_SAFE_CODES } from '../errors/graphql-errors.js';
import type { GatewayContext } from './context.js';
import type { RoleSchemas } from './schema.js';

export type RoleServers = Readonly<Record<Role, ApolloServer<GatewayContext>>>;

/** Per-request facts that Apollo's hooks fill in for the access log. */
export interface RequestRecord {
  operationName: string | null;
  errorCodes: string[];
}

/** Creates and starts the client and internal servers. */
export async function startRoleServers(
  schemas: RoleSchemas,
  options: { logger: Logger; extraPlugins?: (role: Role) => ApolloServerPlugin<GatewayContext>[] },
): Promise<RoleServers> {
  const build = (role: Role): ApolloServer<GatewayContext> =>
    new ApolloServer<GatewayContext>({
      schema: schemas[role],
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      introspection: true,
      status400ForVariableCoercionErrors: true,
      logger: wrapLogger(options.logger),
      formatError: maskError,
      plugins: [recordRequestPlugin(), legacyJsonStatusPlugin(), ...(options.extraPlugins?.(role) ?? [])],
    });

  const servers = { client: build('client'), internal: build('internal') };
  await Promise.all([servers.client.start(), servers.internal.start()]);
  return servers;
}

/** Per-request record lookup: the HTTP layer owns the record and Apollo hooks write into it. */
export const requestRecords = new WeakMap<GatewayContext, RequestRecord>();

function recordRequestPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          const record = requestRecords.get(contextValue);
          if (record) {
            record.operationName = operationName ?? null;
          }
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!CLIENT_SAFE_CODES.has(String(error.extensions?.code ?? ''))) {
              contextValue.logger.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected error while resolving a request');
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          const record = requestRecords.get(contextValue);
          if (record && response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              record.errorCodes.push(String(error.extensions?.code ?? 'UNKNOWN'));
            }
          }
        },
      };
    },
  };
}

const LEGACY_JSON_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL over HTTP asks servers to answer `application/json` requests with 200 even for parse,
 * validation and variable errors, because legacy clients treat any 4xx as a transport failure.
 * Apollo answers 400; this restores 200 when the client did not ask for
 * `application/graphql-response+json`, and only for those error codes.
 */
function legacyJsonStatusPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response }) {
          const accept = request.http?.headers.get('accept') ?? '';
          if (accept.includes('application/graphql-response+json') || response.http.status !== 400) {
            return;
          }
          if (response.body.kind !== 'single') {
            return;
          }
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length > 0 && errors.every((error) => LEGACY_JSON_CODES.has(String(error.extensions?.code)))) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}

/**
 * Passes errors with a client-safe code through unchanged and replaces any other error with
 * INTERNAL_SERVER_ERROR, so no stack trace, upstream URL or internal name reaches the caller.
 * The request id on the response and in the log, written by didEncounterErrors, ties the two together.
 */
function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_SAFE_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error. Quote the x-request-id response header when reporting it.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function wrapLogger(logger: Logger) {
  return {
    debug: (message: string) => logger.debug(message),
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string) => logger.error(message),
  };
}
