/**
 * The shared RunComfy workflow files: `<dir>/<slug>/workflow.json`, with titles and categories
 * from a RunComfy catalog file. Each file is parsed once per version (path, size and mtime),
 * and one unreadable file never makes the others fail.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

import { WorkflowError, WorkflowRepositoryError } from './errors.js';
import { parseWorkflowText } from './parse.js';
import type { WorkflowListing, WorkflowLookup, WorkflowUnavailable } from './types.js';

const WORKFLOW_FILE = 'workflow.json';
/** Lower-case words joined by single hyphens, as RunComfy slugs are; no dots or slashes, so no traversal. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 200;

export interface WorkflowRepositoryOptions {
  /** Directory holding one folder per slug, each with a workflow.json. */
  dir: string;
  /**
   * RunComfy catalog file giving titles and categories; default none (titles are null). Both
   * `{ workflows: [{ slug, title, category? }] }` and the shortlist format
   * `{ tagged: [{ slug, title, category }] }` are accepted.
   */
  catalogFile?: string;
}

/** Counters for the parse cache. */
export interface WorkflowCacheStats {
  /** Files read and parsed. */
  parses: number;
  /** Lookups served from the cache because size and mtime were unchanged. */
  hits: number;
}

export interface WorkflowRepository {
  readonly dir: string;
  /**
   * Lists every `<slug>/workflow.json` in the directory, sorted by slug, whether or not a
   * mapping names it.
   *
   * @throws WorkflowRepositoryError when the directory cannot be read or the catalog file is invalid.
   */
  list(): Promise<WorkflowListing[]>;
  /**
   * Returns the summary of one workflow, or `{ available: false, code, reason }` when the slug
   * is invalid or absent or the file cannot be read or parsed. Never rejects for one bad file.
   */
  get(slug: string): Promise<WorkflowLookup>;
  cacheStats(): WorkflowCacheStats;
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  result: Promise<WorkflowLookup>;
}

const catalogEntrySchema = z.object({
  slug: z.string(),
  title: z.string().optional(),
  category: z.string().optional(),
});
const catalogFileSchema = z
  .object({ workflows: z.array(catalogEntrySchema).optional(), tagged: z.array(catalogEntrySchema).optional() })
  .refine((file) => file.workflows !== undefined || file.tagged !== undefined, {
    message: 'expected a "workflows" or "tagged" array of {slug, title, category}',
  });

type CatalogIndex = Map<string, { title: string | null; category: string | null }>;

/** Creates a repository over `options.dir`. Nothing is read until `list` or `get` is called. */
export function createWorkflowRepository(options: WorkflowRepositoryOptions): WorkflowRepository {
  const dir = path.resolve(options.dir);
  const cache = new Map<string, CacheEntry>();
  const stats: WorkflowCacheStats = { parses: 0, hits: 0 };
  let catalog: Promise<CatalogIndex> | null = null;

  const loadCatalog = (): Promise<CatalogIndex> => {
    catalog ??= options.catalogFile ? readCatalog(options.catalogFile) : Promise.resolve(new Map());
    // A failed read is retried on the next call instead of being cached.
    catalog.catch(() => {
      catalog = null;
    });
    return catalog;
  };

  async function list(): Promise<WorkflowListing[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new WorkflowRepositoryError(
        'DIRECTORY_UNREADABLE',
        dir,
        `cannot read the workflow directory ${dir} (${errorCode(error)}); point the repository at the folder that holds <slug>/workflow.json`,
      );
    }
    const index = await loadCatalog();
    const slugs = entries.filter((entry) => entry.isDirectory() && isValidSlug(entry.name)).map((entry) => entry.name);
    const listings: WorkflowListing[] = [];
    for (const slug of slugs.sort()) {
      const file = path.join(dir, slug, WORKFLOW_FILE);
      if (!(await isFile(file))) continue;
      const facts = index.get(slug);
      listings.push({ slug, title: facts?.title ?? null, category: facts?.category ?? null, file });
    }
    return listings;
  }

  async function get(slug: string): Promise<WorkflowLookup> {
    if (!isValidSlug(slug)) {
      return unavailable(
        slug,
        'INVALID_SLUG',
        `invalid workflow slug ${JSON.stringify(slug.slice(0, 80))}: expected lower-case letters, digits and single hyphens, such as "comfyui-instantid-workflow"`,
      );
    }

    const file = path.join(dir, slug, WORKFLOW_FILE);
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
        return unavailable(slug, 'NOT_FOUND', `no workflow "${slug}": ${file} does not exist; list the workflows to see the valid slugs`);
      }
      return unavailable(slug, 'READ_FAILED', `cannot read ${file} (${errorCode(error)})`);
    }
    if (!info.isFile()) return unavailable(slug, 'NOT_FOUND', `no workflow "${slug}": ${file} is not a file`);

    const cached = cache.get(file);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      stats.hits++;
      return cached.result;
    }

    stats.parses++;
    const result = readAndParse(file, slug);
    cache.set(file, { size: info.size, mtimeMs: info.mtimeMs, result });
    return result;
  }

  return { dir, list, get, cacheStats: () => ({ ...stats }) };
}

async function readAndParse(file: string, slug: string): Promise<WorkflowLookup> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return unavailable(slug, 'READ_FAILED', `cannot read ${file} (${errorCode(error)})`);
  }
  try {
    return parseWorkflowText(text, { slug, file });
  } catch (error) {
    if (error instanceof WorkflowError) return unavailable(slug, error.code, error.message);
    throw error;
  }
}

async function readCatalog(file: string): Promise<CatalogIndex> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `unreadable (${errorCode(error)})`;
    throw new WorkflowRepositoryError('INVALID_CATALOG', file, `the workflow catalog ${file} is ${reason}`);
  }

  const parsed = catalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new WorkflowRepositoryError(
      'INVALID_CATALOG',
      file,
      `the workflow catalog ${file} is invalid at ${where}: ${issue?.message ?? 'unknown problem'}; expected {"workflows": [{"slug", "title"}]} or {"tagged": [{"slug", "title", "category"}]}`,
    );
  }

  // Entries with a category (the shortlist format) win over entries without one.
  const index: CatalogIndex = new Map();
  for (const entry of [...(parsed.data.workflows ?? []), ...(parsed.data.tagged ?? [])]) {
    const known = index.get(entry.slug);
    index.set(entry.slug, {
      title: entry.title ?? known?.title ?? null,
      category: entry.category ?? known?.category ?? null,
    });
  }
  return index;
}

function unavailable(slug: string, code: WorkflowUnavailable['code'], reason: string): WorkflowUnavailable {
  return { available: false, slug, code, reason };
}

function isValidSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(slug);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
