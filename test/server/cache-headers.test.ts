import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestGateway, type TestGateway } from '../support/gateway-harness.js';

describe('graphql response caching headers', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('marks results no-store for every role', async () => {
    const client = await gateway.gql('client', '{ capabilities { path } }');
    const internal = await gateway.gql('internal', '{ capabilities { path } }');

    expect(client.status).toBe(200);
    expect(client.headers['cache-control']).toBe('no-store');
    expect(internal.headers['cache-control']).toBe('no-store');
  });

  it('serves no landing page to browsers', async () => {
    const response = await gateway.raw({
      method: 'GET',
      path: '/graphql',
      headers: { accept: 'text/html', authorization: 'Bearer test-client-key-0123456789abcdef', 'apollo-require-preflight': 'true' },
    });

    expect(response.text).not.toContain('<script');
    expect(response.headers['content-type']).not.toMatch(/text\/html/);
  });
});
