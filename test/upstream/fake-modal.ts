/**
 * A scriptable HTTP server on 127.0.0.1 that imitates a Modal app in the upstream tests. Each
 * test passes a route that reproduces one behaviour (303 chains, stalls, resets, error bodies),
 * and the server records every request with its raw body.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** `performance.now()` when the request body was complete. */
  receivedAt: number;
}

export type Route = (request: RecordedRequest, response: http.ServerResponse) => void | Promise<void>;

export interface FakeModal {
  origin: string;
  requests: RecordedRequest[];
  /** Requests with the given method, in arrival order. */
  byMethod(method: 'GET' | 'POST'): RecordedRequest[];
  /** Highest number of requests that were open at the same time. */
  maxConcurrent(): number;
  close(): Promise<void>;
}

/** Starts a fake Modal app that handles every request with `route`. */
export async function startFakeModal(route: Route): Promise<FakeModal> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let open = 0;
  let maxOpen = 0;

  const server = http.createServer((incoming, response) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    response.on('close', () => {
      open -= 1;
    });

    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        receivedAt: performance.now(),
      };
      requests.push(recorded);
      Promise.resolve(route(recorded, response)).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    byMethod: (method) => requests.filter((request) => request.method === method),
    maxConcurrent: () => maxOpen,
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns the origin of a port that was just listening and is now closed, so connects are refused. */
export async function closedPortOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Sends a JSON body with the given status. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Sends a text body with the given status. */
export function sendText(response: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Responds with 303 to `location` and an empty body, as Modal does when its 150 s request cap passes. */
export function sendSeeOther(response: http.ServerResponse, location: string | undefined): void {
  const headers: http.OutgoingHttpHeaders = { 'content-length': 0 };
  if (location !== undefined) {
    headers.location = location;
  }
  response.writeHead(303, headers);
  response.end();
}

/** Waits `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
