/**
 * The ceiling for the capabilities benchmark: node:http responding to every request with bytes
 * computed once, after reading the request body, so only HTTP parsing and writing remain.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running bare server. */
export interface BareHttpServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a server on 127.0.0.1 at a free port that responds to every request with `body` as JSON. */
export async function startBareHttpServer(body: Buffer): Promise<BareHttpServer> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      response.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
