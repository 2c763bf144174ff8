/**
 * One Apollo Server per role, each with its own schema and its own parsed-document cache, so a
 * document validated for the internal role is never reused for a client.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

import type { Role } from '../config/config.js';
import { CLIENT_SAFE_CODES } from '../errors/graphql-errors.js';
import type { GatewayContext } from './context.js';
import { formatOperationLimitError, MAX_RECURSIVE_SELECTIONS, operationLimitRules, operationParseOptions, type OperationLimits } from './limits.js';
import type { RoleSchemas } from './schema.js';

export type RoleServers = Readonly<Record<Role, ApolloServer<GatewayContext>>>;

/** Per-request facts that Apollo's hooks fill in for the access log. */
export interface RequestRecord {
  operationName: string | null;
  errorCodes: string[];
}

/** Creates and starts the client and internal servers, both under the same operation limits. */
export async function startRoleServers(
  schemas: RoleSchemas,
  options: { logger: Logger; limits: OperationLimits; extraPlugins?: (role: Role) => ApolloServerPlugin<GatewayContext>[] },
): Promise<RoleServers> {
  const build = (role: Role): ApolloServer<GatewayContext> =>
    new ApolloServer<GatewayContext>({
      schema: schemas[role],
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      introspection: true,
      parseOptions: operationParseOptions(options.limits),
      validationRules: operationLimitRules(options.limits),
      maxRecursiveSelections: MAX_RECURSIVE_SELECTIONS,
      logger: wrapLogger(options.logger),
      formatError: maskError,
      plugins: [
        // The default landing page loads scripts from Apollo's CDN; a gateway API serves none.
        ApolloServerPluginLandingPageDisabled(),
        // The gateway sets no cache hints, yet Apollo's default cache-control plugin wraps every
        // field resolver to compute them. A CPU profile of the capabilities query showed it as the
        // largest cost after execution, so it is off and the HTTP layer sends `no-store` itself.
        ApolloServerPluginCacheControlDisabled(),
        recordRequestPlugin(),
        legacyJsonStatusPlugin(),
        retryAfterPlugin(),
        requestIdPlugin(),
        ...(options.extraPlugins?.(role) ?? []),
      ],
    });

  const servers = { client: build('client'), internal: build('internal') };
  await Promise.all([servers.client.start(), servers.internal.start()]);
  return servers;
}

const REQUEST_RECORD = Symbol('requestRecord');

/**
 * Attaches the HTTP layer's record to a request context, so Apollo's hooks can write into it.
 * Apollo passes resolvers and plugins a shallow copy of the context, not the object itself, so
 * the record travels as an enumerable property, which the copy keeps, rather than as a key of
 * a WeakMap, which the copy would miss.
 */
export function attachRequestRecord(context: GatewayContext, record: RequestRecord): void {
  (context as GatewayContext & { [REQUEST_RECORD]?: RequestRecord })[REQUEST_RECORD] = record;
}

function requestRecordOf(context: GatewayContext): RequestRecord | undefined {
  return (context as GatewayContext & { [REQUEST_RECORD]?: RequestRecord })[REQUEST_RECORD];
}

function recordRequestPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          const record = requestRecordOf(contextValue);
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
          const record = requestRecordOf(contextValue);
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

const LEGACY_JSON_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_LIMIT_EXCEEDED']);

/**
 * The GraphQL-over-HTTP spec recommends status 200 for `application/json` requests even for parse,
 * validation and variable errors, because legacy clients treat any 4xx as a transport failure.
 * Operation limits reject at parse and validation time, so their errors count among these.
 * Apollo returns 400, so this plugin restores 200 when the client did not ask for
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

const ADMISSION_CODES = new Set(['RATE_LIMITED', 'TOO_MANY_IN_FLIGHT']);

/**
 * Turns the `retryAfterSeconds` of a rate-limit or in-flight rejection into a `Retry-After`
 * header, and sets status 429 when that rejection left no data: one operation runs at most one
 * generation, so the whole request was rejected.
 */
function retryAfterPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') {
            return;
          }
          const { data, errors = [] } = response.body.singleResult;
          const delays = errors
            .filter((error) => ADMISSION_CODES.has(String(error.extensions?.code)))
            .map((error) => Number(error.extensions?.retryAfterSeconds))
            .filter((seconds) => Number.isInteger(seconds) && seconds > 0);
          if (delays.length === 0) {
            return;
          }
          response.http.headers.set('retry-after', String(Math.max(...delays)));
          if (data == null && delays.length === errors.length) {
            response.http.status = 429;
          }
        },
      };
    },
  };
}

/**
 * Adds the request id to every INTERNAL_SERVER_ERROR, so a caller can quote it from the body as
 * well as from the `x-request-id` header. The log contains the full error under the same id.
 */
function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) {
            return;
          }
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            error.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }
              : error,
          );
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
function maskError(formattedError: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const formatted = formatOperationLimitError(formattedError, error) ?? formattedError;
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
