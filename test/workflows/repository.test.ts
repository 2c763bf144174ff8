import { copyFile, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createWorkflowLoader,
  createWorkflowRepository,
  WorkflowRepositoryError,
  type WorkflowLookup,
  type WorkflowRepository,
} from '../../src/workflows/index.js';
import { fixturesDir, sharedRunComfyDir, sharedWorkflowsDir } from './harness.js';

let dir: string;

async function addWorkflow(slug: string, content: string | { fixture: string }): Promise<string> {
  const folder = path.join(dir, slug);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'workflow.json');
  if (typeof content === 'string') await writeFile(file, content);
  else await copyFile(path.join(fixturesDir, content.fixture), file);
  return file;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'workflows-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createWorkflowRepository', () => {
  it('lists every workflow folder with catalog titles', async () => {
    await addWorkflow('good-one', { fixture: 'control-values.json' });
    await addWorkflow('broken', '{"nodes": [');
    await addWorkflow('Not_A_Slug', { fixture: 'control-values.json' });
    await mkdir(path.join(dir, 'empty-folder'));
    const catalogFile = path.join(dir, 'catalog.json');
    await writeFile(
      catalogFile,
      JSON.stringify({
        workflows: [{ slug: 'good-one', title: 'Good one (catalog)' }],
        tagged: [{ slug: 'good-one', title: 'Good one', category: 't2i' }],
      }),
    );

    const listings = await createWorkflowRepository({ dir, catalogFile }).list();

    expect(listings).toEqual([
      { slug: 'broken', title: null, category: null, file: path.join(dir, 'broken', 'workflow.json') },
      { slug: 'good-one', title: 'Good one', category: 't2i', file: path.join(dir, 'good-one', 'workflow.json') },
    ]);
  });

  it('parses a file once per version', async () => {
    const file = await addWorkflow('good-one', { fixture: 'control-values.json' });
    const repository = createWorkflowRepository({ dir });

    const first = await repository.get('good-one');
    const second = await repository.get('good-one');

    expect(first.available).toBe(true);
    expect(second).toBe(first);
    expect(repository.cacheStats()).toEqual({ parses: 1, hits: 1 });

    const later = new Date(Date.now() + 10_000);
    await utimes(file, later, later);
    const third = await repository.get('good-one');

    expect(third).not.toBe(first);
    expect(third).toEqual(first);
    expect(repository.cacheStats()).toEqual({ parses: 2, hits: 1 });
  });

  it('reports a broken file without failing the others', async () => {
    const brokenFile = await addWorkflow('broken', '{\n  "nodes": [\n    {"id": 1,,}\n  ]\n}');
    await addWorkflow('good-one', { fixture: 'control-values.json' });
    const repository = createWorkflowRepository({ dir });

    const [broken, good] = await Promise.all([repository.get('broken'), repository.get('good-one')]);

    expect(broken).toEqual({
      available: false,
      slug: 'broken',
      code: 'INVALID_JSON',
      reason: `${brokenFile} is not valid JSON: expected a string key in double quotes at line 3, column 14; fix the file or export it again from ComfyUI`,
    });
    expect(good.available).toBe(true);
  });

  it('reports JSON that is not a workflow', async () => {
    await addWorkflow('not-a-graph', '[1, 2, 3]');

    const result = await createWorkflowRepository({ dir }).get('not-a-graph');

    expect(result).toMatchObject({ available: false, code: 'UNRECOGNISED_FORMAT' });
  });

  it.each([
    ['../escape', 'INVALID_SLUG'],
    ['good-one/../../etc', 'INVALID_SLUG'],
    ['Upper-Case', 'INVALID_SLUG'],
    ['', 'INVALID_SLUG'],
    ['no-such-workflow', 'NOT_FOUND'],
    ['empty-folder', 'NOT_FOUND'],
  ])('rejects slug %j with %s', async (slug, code) => {
    await mkdir(path.join(dir, 'empty-folder'));

    const result = await createWorkflowRepository({ dir }).get(slug);

    expect(result).toMatchObject({ available: false, slug, code });
  });

  it('names the expected slug form', async () => {
    const result = await createWorkflowRepository({ dir }).get('../escape');

    expect(result).toEqual({
      available: false,
      slug: '../escape',
      code: 'INVALID_SLUG',
      reason: 'invalid workflow slug "../escape": expected lower-case letters, digits and single hyphens, such as "comfyui-instantid-workflow"',
    });
  });

  it('rejects an unreadable directory on list', async () => {
    const missing = path.join(dir, 'missing');

    const listing = createWorkflowRepository({ dir: missing }).list();

    await expect(listing).rejects.toBeInstanceOf(WorkflowRepositoryError);
    await expect(listing).rejects.toMatchObject({ code: 'DIRECTORY_UNREADABLE', path: missing });
  });

  it('rejects a catalog file of the wrong shape', async () => {
    const catalogFile = path.join(dir, 'catalog.json');
    await writeFile(catalogFile, JSON.stringify({ items: [] }));

    const listing = createWorkflowRepository({ dir, catalogFile }).list();

    await expect(listing).rejects.toMatchObject({
      code: 'INVALID_CATALOG',
      message: `the workflow catalog ${catalogFile} is invalid at (root): expected a "workflows" or "tagged" array of {slug, title, category}; expected {"workflows": [{"slug", "title"}]} or {"tagged": [{"slug", "title", "category"}]}`,
    });
  });

  it('lists the shared workflows with shortlist categories', async () => {
    const repository = createWorkflowRepository({
      dir: sharedWorkflowsDir,
      catalogFile: path.join(sharedRunComfyDir, 'runcomfy-workflow-shortlist.json'),
    });

    const listings = await repository.list();

    expect(listings).toHaveLength(13);
    expect(listings.find((entry) => entry.slug === 'comfyui-instantid-workflow')).toMatchObject({
      title: 'InstantID | Portraits to Art',
      category: 'face_consistency',
    });
  });
});

describe('createWorkflowLoader', () => {
  it('batches and deduplicates the slugs of one tick', async () => {
    const calls: string[] = [];
    const repository: WorkflowRepository = {
      dir,
      list: async () => [],
      get: async (slug): Promise<WorkflowLookup> => {
        calls.push(slug);
        return { available: false, slug, code: 'NOT_FOUND', reason: 'test' };
      },
      cacheStats: () => ({ parses: 0, hits: 0 }),
    };
    const loader = createWorkflowLoader(repository);

    const results = await Promise.all([loader.load('a'), loader.load('b'), loader.load('a')]);

    expect(calls).toEqual(['a', 'b']);
    expect(results.map((result) => result.slug)).toEqual(['a', 'b', 'a']);
  });

  it('returns repository summaries', async () => {
    await addWorkflow('good-one', { fixture: 'control-values.json' });
    const loader = createWorkflowLoader(createWorkflowRepository({ dir }));

    const result = await loader.load('good-one');

    expect(result).toMatchObject({ available: true, slug: 'good-one', primarySamplerId: '1' });
  });
});
