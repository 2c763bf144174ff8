/**
 * The gateway's HTTP layer on node:http. It authenticates, enforces the body limit, parses JSON
 * and hands GraphQL requests to the caller's role server. Every failure at this level returns
 * a JSON GraphQL error body with the matching status, whatever NODE_ENV is.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { Logger } from 'pino';

import type { Keyring, Principal } from '../auth/keyring.js';
import { attachRequestRecord, type RequestRecord, type RoleServers } from './apollo.js';
import type { GatewayContext } from './context.js';

/** A route served outside GraphQL, such as `/healthz` or `/artifacts/:id`. */
export type ExtraRoute = (
  request: IncomingMessage,
  response: ServerResponse,
  info: { requestId: string; url: URL; principal: Principal | null; logger: Logger },
) => Promise<boolean>;

export interface HttpHandlerOptions {
  readonly keyring: Keyring;
  readonly servers: RoleServers;
  readonly logger: Logger;
  /** Largest accepted request body in bytes. */
  readonly bodyLimitBytes: number;
  readonly createContext: (input: { requestId: string; principal: Principal; logger: Logger }) => GatewayContext;
  /** Routes tried before GraphQL, in order; a route returns true when it handled the request. */
  readonly routes?: readonly ExtraRoute[];
  /** Called once per finished request, for metrics. */
  readonly onRequestFinished?: (event: RequestFinishedEvent) => void;
  /** Returns false while the gateway shuts down, so new requests get 503. */
  readonly isAcceptingRequests?: () => boolean;
}

export interface RequestFinishedEvent {
  /** The path, with artifact ids replaced by `:id`; GraphQL requests have `/graphql`. */
  readonly route: string;
  readonly role: Principal['role'] | null;
  readonly operationName: string | null;
  readonly status: number;
  readonly outcome: 'success' | 'error';
  readonly durationMs: number;
}

/** An HTTP-level failure, returned as a GraphQL error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Creates the request listener for `http.createServer`. */
export function createHttpHandler(options: HttpHandlerOptions): http.RequestListener {
  return (request, response) => {
    const requestId = randomUUID();
    const startedAt = process.hrtime.bigint();
    const logger = options.logger.child({ requestId });
    response.setHeader('x-request-id', requestId);

    const record: RequestRecord = { operationName: null, errorCodes: [] };
    let role: Principal['role'] | null = null;

    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const outcome = response.statusCode < 400 && record.errorCodes.length === 0 ? 'success' : 'error';
      logger.info(
        {
          method: request.method,
          route: routeLabel(request.url),
          operationName: record.operationName,
          role,
          status: response.statusCode,
          outcome,
          errorCodes: record.errorCodes.length > 0 ? record.errorCodes : undefined,
          durationMs: Math.round(durationMs * 100) / 100,
        },
        'request finished',
      );
      options.onRequestFinished?.({ route: routeLabel(request.url), role, operationName: record.operationName, status: response.statusCode, outcome, durationMs });
    });

    handle(request, response, requestId, logger, record, (principal) => {
      role = principal.role;
    }).catch((error: unknown) => {
      if (error instanceof HttpError) {
        record.errorCodes.push(error.code);
        sendGraphQLError(response, error);
        return;
      }
      logger.error({ err: error }, 'unexpected error in the HTTP layer');
      record.errorCodes.push('INTERNAL_SERVER_ERROR');
      sendGraphQLError(
        response,
        new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error. Quote the x-request-id response header when reporting it.'),
      );
    });
  };

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    logger: Logger,
    record: RequestRecord,
    onPrincipal: (principal: Principal) => void,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    const principal = options.keyring.authenticate(request.headers.authorization);
    if (principal) {
      onPrincipal(principal);
    }

    for (const route of options.routes ?? []) {
      if (await route(request, response, { requestId, url, principal, logger })) {
        return;
      }
    }

    if (url.pathname !== '/graphql') {
      throw new HttpError(404, 'NOT_FOUND', `No route for ${request.method ?? 'GET'} ${url.pathname}. GraphQL is served at /graphql.`);
    }
    if (request.method !== 'GET' && request.method !== 'POST') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Method ${request.method ?? ''} is not allowed on /graphql; use POST (or GET for queries).`, {
        allow: 'GET, POST',
      });
    }
    if (options.isAcceptingRequests && !options.isAcceptingRequests()) {
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'The gateway is shutting down; retry against another instance.', { 'retry-after': '5' });
    }
    if (!principal) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'Missing or unknown API key. Send the header "Authorization: Bearer <key>".', {
        'www-authenticate': 'Bearer',
      });
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    const body = request.method === 'POST' ? await readJsonBody(request, options.bodyLimitBytes) : undefined;
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: request.method,
      headers,
      search: url.search,
      body,
    };

    const context = options.createContext({ requestId, principal, logger });
    attachRequestRecord(context, record);
    const result = await options.servers[principal.role].executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => context,
    });

    // GraphQL responses depend on the caller's key, so no cache may keep them.
    response.setHeader('cache-control', 'no-store');
    for (const [name, value] of result.headers) {
      response.setHeader(name, value);
    }
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) {
      response.write(chunk);
    }
    response.end();
  }
}

/**
 * Reads a JSON request body up to `limit` bytes. A declared Content-Length above the limit is
 * rejected before reading; a body that grows past it is cut off as soon as it does.
 *
 * @throws HttpError 415 for a Content-Type other than JSON, checked before reading. 413 for a
 * body over the limit. 400 for an empty body, malformed JSON, a JSON array (a batch) or any
 * other JSON value that is not an object.
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  // Only JSON is accepted, so a text/plain or form POST, which a browser sends cross-site
  // without a CORS preflight, never reaches GraphQL whatever its headers.
  const contentType = request.headers['content-type'];
  if (!isJsonContentType(contentType)) {
    request.resume();
    throw unsupportedMediaType(contentType);
  }

  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    throw tooLarge(limit);
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  if (size === 0) {
    throw new HttpError(400, 'BAD_REQUEST', `The request body is empty. Send a JSON object such as ${EXAMPLE_BODY}.`);
  }

  const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is a JSON array, a batch of operations, and batching is not supported. Send one operation per request as a JSON object.');
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw new HttpError(400, 'BAD_REQUEST', `The request body is JSON ${parsed === null ? 'null' : `of type ${typeof parsed}`}; send a JSON object such as ${EXAMPLE_BODY}.`);
  }
  return parsed;
}

const EXAMPLE_BODY = '{"query": "{ capabilities { path } }"}';

/** True for `application/json` and other `+json` media types, with any parameters. */
function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);
}

function unsupportedMediaType(contentType: string | undefined): HttpError {
  const sent = contentType === undefined ? 'no Content-Type' : `Content-Type "${contentType.slice(0, 100)}"`;
  return new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `POST /graphql accepts JSON only, and the request has ${sent}. Send the operation as a JSON object with "Content-Type: application/json".`,
  );
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The request body exceeds the limit of ${limit} bytes. Send smaller reference media; the per-input limits are listed in "capabilities" (maxBytes).`,
  );
}

/** Writes an HTTP-level error in the GraphQL response format. */
export function sendGraphQLError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  response.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers)) {
    response.setHeader(name, value);
  }
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(body));
  // The body may not have been read; closing the connection avoids parsing leftovers as a request.
  if (error.status === 413 || error.status === 415) {
    response.setHeader('connection', 'close');
  }
  response.end(body);
}

function routeLabel(rawUrl: string | undefined): string {
  const pathname = (rawUrl ?? '/').split('?')[0] ?? '/';
  return pathname.startsWith('/artifacts/') ? '/artifacts/:id' : pathname;
}
