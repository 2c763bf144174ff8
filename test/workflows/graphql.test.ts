import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SHARED_WORKFLOWS_DIR, startTestGateway, type TestGateway } from '../support/gateway-harness.js';

const WORKFLOW_QUERY = /* GraphQL */ `
  query Workflow($slug: String!) {
    internal {
      workflow(slug: $slug) {
        slug title category available unavailableReason format formatVersion
        nodeTypes { type count known }
        nodes { id type mode }
        models { kind name active }
        samplers { nodeId type seed { value source staleWidgetValue } steps { value source } cfg { value source } samplerName { value } scheduler { value } }
        parameters { name value { value source } }
        warnings { code message }
        mappings { endpoint relation }
      }
    }
  }
`;

describe('workflow queries', () => {
  let gateway: TestGateway;
  let workflowsDir: string;

  beforeAll(async () => {
    // A folder with two real workflows, one unmapped copy, and one broken file.
    workflowsDir = mkdtempSync(path.join(tmpdir(), 'workflows-'));
    for (const slug of ['comfyui-flux-a-new-art-image-generation', 'comfyui-pulid-customized-face-generation']) {
      cpSync(path.join(SHARED_WORKFLOWS_DIR, slug), path.join(workflowsDir, slug), { recursive: true });
    }
    cpSync(path.join(SHARED_WORKFLOWS_DIR, 'comfyui-flux-a-new-art-image-generation'), path.join(workflowsDir, 'my-unmapped-copy'), { recursive: true });
    mkdirSync(path.join(workflowsDir, 'broken-file'));
    writeFileSync(path.join(workflowsDir, 'broken-file', 'workflow.json'), '{"nodes": [');
    gateway = await startTestGateway({ env: { WORKFLOWS_DIR: workflowsDir } });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('lists every workflow file in the folder', async () => {
    const response = await gateway.gql('internal', '{ internal { workflows { slug available category } } }');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.internal.workflows.map((workflow: { slug: string }) => workflow.slug).sort()).toEqual([
      'broken-file',
      'comfyui-flux-a-new-art-image-generation',
      'comfyui-pulid-customized-face-generation',
      'my-unmapped-copy',
    ]);
  });

  it('filters workflows by category', async () => {
    const response = await gateway.gql('internal', '{ internal { workflows(category: "t2i") { slug category } } }');
    expect(response.body.data.internal.workflows).toEqual([
      { slug: 'comfyui-flux-a-new-art-image-generation', category: 't2i' },
      { slug: 'comfyui-pulid-customized-face-generation', category: 't2i' },
    ]);
  });

  it('reads a workflow with sampler values and sources', async () => {
    const response = await gateway.gql('internal', WORKFLOW_QUERY, { slug: 'comfyui-flux-a-new-art-image-generation' });
    const workflow = response.body.data.internal.workflow;
    expect(workflow.available).toBe(true);
    expect(workflow.format).toBe('GRAPH');
    expect(workflow.formatVersion).toBe('0.4');
    expect(workflow.samplers[0].steps).toEqual({ value: 20, source: 'WIDGET' });
    expect(workflow.samplers[0].samplerName.value).toBe('euler');
    expect(workflow.samplers[0].scheduler.value).toBe('simple');
    expect(workflow.models.map((model: { name: string }) => model.name)).toContain('flux/flux1-schnell.sft');
    expect(workflow.mappings.map((mapping: { endpoint: string }) => mapping.endpoint)).toEqual(expect.arrayContaining(['/flux', '/flux-dev']));
    expect(workflow.parameters.find((parameter: { name: string }) => parameter.name === 'width').value.value).toBe(1024);
  });

  it('reads an unmapped workflow', async () => {
    const response = await gateway.gql('internal', WORKFLOW_QUERY, { slug: 'my-unmapped-copy' });
    expect(response.body.data.internal.workflow.available).toBe(true);
    expect(response.body.data.internal.workflow.mappings).toEqual([]);
  });

  it('shows a broken file as unavailable with the position', async () => {
    const response = await gateway.gql('internal', WORKFLOW_QUERY, { slug: 'broken-file' });
    expect(response.body.errors).toBeUndefined();
    const workflow = response.body.data.internal.workflow;
    expect(workflow.available).toBe(false);
    expect(workflow.unavailableReason).toMatch(/line 1/);
    expect(workflow.samplers).toEqual([]);
  });

  it('shows a mapped workflow missing from the folder as unavailable', async () => {
    const response = await gateway.gql(
      'internal',
      '{ internal { alignment(endpoint: "/sdxl-instantid") { workflowSlug compared unavailableReason } workflow(slug: "comfyui-instantid-workflow") { available unavailableReason } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.internal.workflow.available).toBe(false);
    expect(response.body.data.internal.workflow.unavailableReason).toMatch(/does not exist/);
    expect(response.body.data.internal.alignment).toEqual([
      expect.objectContaining({ workflowSlug: 'comfyui-instantid-workflow', compared: false, unavailableReason: expect.any(String) }),
    ]);
  });

  it('rejects a traversal slug as unavailable', async () => {
    const response = await gateway.gql('internal', WORKFLOW_QUERY, { slug: '../../etc' });
    expect(response.body.data.internal.workflow.available).toBe(false);
  });

  it('compares flux-dev with its workflow', async () => {
    const response = await gateway.gql(
      'internal',
      '{ internal { alignment(endpoint: "/flux-dev") { workflowSlug compared modelDifference gapCount parameters { name status endpointValue workflowValue verdict } } } }',
    );
    const [alignment] = response.body.data.internal.alignment;
    expect(alignment.compared).toBe(true);
    expect(alignment.modelDifference).toMatch(/Flux Dev/);
    const steps = alignment.parameters.find((parameter: { name: string }) => parameter.name === 'steps');
    expect(steps).toMatchObject({ status: 'SAME', endpointValue: 20, workflowValue: 20 });
  });

  it('ranks the alignment overview furthest first', async () => {
    const response = await gateway.gql('internal', '{ internal { alignmentOverview { endpoint workflowSlug distance compared } } }');
    const overview = response.body.data.internal.alignmentOverview as { distance: number | null; compared: boolean }[];
    expect(overview.length).toBe(23);
    const distances = overview.filter((entry) => entry.distance !== null).map((entry) => entry.distance as number);
    expect(distances).toEqual([...distances].sort((a, b) => b - a));
    expect(overview.at(-1)?.distance).toBeNull();
  });

  it('parses each file once across requests', async () => {
    const query = '{ internal { a: workflow(slug: "comfyui-pulid-customized-face-generation") { available } b: alignment(endpoint: "/flux-pulid") { compared } } }';
    await gateway.gql('internal', query);
    const before = gateway.gateway.services.workflows.cacheStats();
    const second = await gateway.gql('internal', query);
    const after = gateway.gateway.services.workflows.cacheStats();

    expect(second.body.data.internal.a.available).toBe(true);
    expect(after.parses).toBe(before.parses);
    expect(after.hits).toBeGreaterThan(before.hits);
  });

  it('hides workflows from the client role', async () => {
    const response = await gateway.gql('client', WORKFLOW_QUERY, { slug: 'comfyui-flux-a-new-art-image-generation' });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.text).not.toContain('workflow(');
  });
});
