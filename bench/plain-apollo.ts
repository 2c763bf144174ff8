/**
 * The baseline for the capabilities benchmark: a plain Apollo Server 5 on
 * `startStandaloneServer`, serving the same schema.graphql with the project's catalog resolvers,
 * and nothing of the gateway around them (no API keys, body limit, access log, per-role schemas
 * or error masking).
 */

import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { IResolvers } from '@graphql-tools/utils';

import { Endpoint, EndpointOutput } from '../resolvers/Endpoint.js';
import { EndpointInput } from '../resolvers/EndpointInput.js';
import { Query } from '../resolvers/Query.js';
import { scalarResolvers } from '../resolvers/scalars.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { buildEndpointRuntime } from '../src/catalog/runtime.js';
import { readConfig } from '../src/config/config.js';
import { decideAllTiers } from '../src/policy/classification.js';
import type { GatewayContext, GatewayServices } from '../src/server/context.js';
import { readTypeDefs } from '../src/server/schema.js';

/** A running baseline server. */
export interface PlainApollo {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the plain Apollo baseline on 127.0.0.1 at a free port. */
export async function startPlainApollo(repoRoot: string): Promise<PlainApollo> {
  const config = readConfig({ LOG_LEVEL: 'silent' }, repoRoot);
  const catalog = loadCatalog();
  const tiers = decideAllTiers(catalog);
  const runtime = buildEndpointRuntime(catalog, config);

  // The capability resolvers read only these services and the role, so the context carries
  // nothing else: no store, loaders, logger or principal.
  const services = { config, catalog, tiers, runtime } as Partial<GatewayServices> as GatewayServices;
  const context = { services, role: 'client' } as Partial<GatewayContext> as GatewayContext;

  const resolvers = {
    ...scalarResolvers,
    Query: { capabilities: Query.capabilities },
    Endpoint,
    EndpointInput,
    EndpointOutput,
  } as IResolvers<unknown, GatewayContext>;

  const server = new ApolloServer<GatewayContext>({ typeDefs: readTypeDefs(), resolvers });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async () => context,
  });
  return { url: new URL('/graphql', url).href, stop: () => server.stop() };
}

