/**
 * Loads the catalog file, validates it, checks that its parts refer to each other correctly and
 * indexes it for lookups. The result is immutable and shared by all requests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

import { ConfigError, formatIssuePath, type ConfigIssue } from '../errors/config-error.js';
import {
  catalogFileSchema,
  type AppFacts,
  type CatalogFile,
  type EndpointFacts,
  type EndpointInput,
  type MappingFacts,
  type WorkflowFacts,
} from './schema.js';

/** The catalog shipped with the gateway, used when `CATALOG_PATH` is not set. */
export const DEFAULT_CATALOG_PATH = fileURLToPath(new URL('../../catalog/catalog.json', import.meta.url));

export type LifecycleFacts = CatalogFile['lifecycle'][number];
export type RemovedEndpointFacts = CatalogFile['removedEndpoints'][number];
export type TierOverrideFacts = CatalogFile['tierOverrides'][number];
export type GapGroupFacts = CatalogFile['gapSummary'][number];

/** A validated, indexed catalog. */
export interface Catalog {
  /** Source path of the catalog, for messages. */
  readonly source: string;
  readonly file: CatalogFile;
  readonly apps: ReadonlyMap<string, AppFacts>;
  readonly endpoints: ReadonlyMap<string, EndpointFacts>;
  readonly removedEndpoints: ReadonlyMap<string, RemovedEndpointFacts>;
  readonly lifecycle: ReadonlyMap<string, LifecycleFacts>;
  readonly tierOverrides: ReadonlyMap<string, TierOverrideFacts>;
  readonly workflows: ReadonlyMap<string, WorkflowFacts>;
  readonly mappingsByEndpoint: ReadonlyMap<string, readonly MappingFacts[]>;
  readonly mappingsByWorkflow: ReadonlyMap<string, readonly MappingFacts[]>;
}

/**
 * Reads and validates the catalog file at `path`.
 *
 * @throws ConfigError naming the file, the JSON path and the value when the file is missing,
 * is not JSON, breaks the format, or refers to endpoints, apps or workflows it does not define.
 */
export function loadCatalog(path: string = DEFAULT_CATALOG_PATH): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(path, [
      { path: '', message: `cannot read the catalog file (${reason}); set CATALOG_PATH to a readable JSON file` },
    ]);
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [{ path: '', message: `the file is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseCatalog(raw, path);
}

/**
 * Validates an already parsed catalog object.
 *
 * @throws ConfigError as `loadCatalog` does.
 */
export function parseCatalog(raw: unknown, source: string): Catalog {
  const parsed = catalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(source, parsed.error.issues.map((issue) => zodIssueToConfigIssue(issue, raw)));
  }

  const file = parsed.data;
  const issues = checkReferences(file);
  if (issues.length > 0) {
    throw new ConfigError(source, issues);
  }
  return indexCatalog(file, source);
}

function zodIssueToConfigIssue(issue: z.core.$ZodIssue, raw: unknown): ConfigIssue {
  const path = formatIssuePath(issue.path);
  return { path, message: issue.message, value: valueAt(raw, issue.path) };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function checkReferences(file: CatalogFile): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const appNames = new Set(file.apps.map((app) => app.name));
  const paths = new Set<string>();
  const slugs = new Set(file.workflows.map((workflow) => workflow.slug));

  file.endpoints.forEach((endpoint, index) => {
    const at = `endpoints[${index}]`;
    if (paths.has(endpoint.path)) {
      issues.push({ path: `${at}.path`, message: 'duplicate endpoint path; each path may appear once', value: endpoint.path });
    }
    paths.add(endpoint.path);
    if (!appNames.has(endpoint.app)) {
      issues.push({ path: `${at}.app`, message: `unknown app; add it to "apps" or use one of ${[...appNames].join(', ')}`, value: endpoint.app });
    }
    const app = file.apps.find((candidate) => candidate.name === endpoint.app);
    if (app && endpoint.clientDeadlineSeconds !== undefined && endpoint.clientDeadlineSeconds >= app.serverTimeoutSeconds) {
      issues.push({
        path: `${at}.clientDeadlineSeconds`,
        message: `must be below the app's server timeout of ${app.serverTimeoutSeconds} s, or the gateway would wait for a result Modal has already dropped`,
        value: endpoint.clientDeadlineSeconds,
      });
    }
    issues.push(...checkInputs(endpoint, at));
  });

  file.removedEndpoints.forEach((removed, index) => {
    if (paths.has(removed.path)) {
      issues.push({ path: `removedEndpoints[${index}].path`, message: 'a removed endpoint must not also be listed in "endpoints"', value: removed.path });
    }
    if (!paths.has(removed.alternative)) {
      issues.push({ path: `removedEndpoints[${index}].alternative`, message: 'the alternative must be an endpoint of the catalog', value: removed.alternative });
    }
  });

  const checkPath = (path: string, at: string): void => {
    if (!paths.has(path)) {
      issues.push({ path: at, message: 'unknown endpoint path; it must match an entry of "endpoints"', value: path });
    }
  };
  file.lifecycle.forEach((entry, index) => {
    checkPath(entry.path, `lifecycle[${index}].path`);
    if (entry.preferred !== undefined) {
      checkPath(entry.preferred, `lifecycle[${index}].preferred`);
    }
  });
  const overridden = new Set<string>();
  file.tierOverrides.forEach((override, index) => {
    checkPath(override.path, `tierOverrides[${index}].path`);
    if (overridden.has(override.path)) {
      issues.push({ path: `tierOverrides[${index}].path`, message: 'an endpoint may have one tier override', value: override.path });
    }
    overridden.add(override.path);
  });
  file.mappings.forEach((mapping, index) => {
    checkPath(mapping.endpoint, `mappings[${index}].endpoint`);
    if (mapping.workflow !== null && !slugs.has(mapping.workflow)) {
      issues.push({ path: `mappings[${index}].workflow`, message: 'unknown workflow slug; add it to "workflows" or set null', value: mapping.workflow });
    }
  });
  file.gapSummary.forEach((group, groupIndex) => {
    group.endpoints.forEach((path, index) => checkPath(path, `gapSummary[${groupIndex}].endpoints[${index}]`));
  });
  return issues;
}

function checkInputs(endpoint: EndpointFacts, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  endpoint.inputs.forEach((input, index) => {
    const inputAt = `${at}.inputs[${index}]`;
    if (names.has(input.name)) {
      issues.push({ path: `${inputAt}.name`, message: 'duplicate input name', value: input.name });
    }
    names.add(input.name);
    const problem = checkInputDefault(input);
    if (problem) {
      issues.push({ path: `${inputAt}.default`, message: problem, value: 'default' in input ? input.default : undefined });
    }
  });
  return issues;
}

function checkInputDefault(input: EndpointInput): string | undefined {
  if (input.type === 'integer') {
    const min = input.min === undefined ? undefined : BigInt(input.min);
    const max = input.max === undefined ? undefined : BigInt(input.max);
    if (min !== undefined && max !== undefined && min > max) {
      return `min ${min} is above max ${max}`;
    }
    if (input.default === undefined) {
      return undefined;
    }
    const value = BigInt(input.default);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      return `the default is outside [${input.min}, ${input.max}]`;
    }
  }
  if (input.type === 'number' && input.default !== undefined) {
    if ((input.min !== undefined && input.default < input.min) || (input.max !== undefined && input.default > input.max)) {
      return `the default is outside [${input.min}, ${input.max}]`;
    }
  }
  if (input.type === 'string' && input.default !== undefined && input.enum && !input.enum.includes(input.default)) {
    return `the default is not one of the allowed values ${input.enum.join(', ')}`;
  }
  return undefined;
}

function indexCatalog(file: CatalogFile, source: string): Catalog {
  const group = <T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      if (k === null) {
        continue;
      }
      const list = map.get(k) ?? [];
      list.push(item);
      map.set(k, list);
    }
    return map;
  };

  return {
    source,
    file,
    apps: new Map(file.apps.map((app) => [app.name, app])),
    endpoints: new Map(file.endpoints.map((endpoint) => [endpoint.path, endpoint])),
    removedEndpoints: new Map(file.removedEndpoints.map((removed) => [removed.path, removed])),
    lifecycle: new Map(file.lifecycle.map((entry) => [entry.path, entry])),
    tierOverrides: new Map(file.tierOverrides.map((override) => [override.path, override])),
    workflows: new Map(file.workflows.map((workflow) => [workflow.slug, workflow])),
    mappingsByEndpoint: group(file.mappings, (mapping) => mapping.endpoint),
    mappingsByWorkflow: group(file.mappings, (mapping) => mapping.workflow),
  };
}

/** Returns the app facts for an endpoint; the loader guarantees the app exists. */
export function appOf(catalog: Catalog, endpoint: EndpointFacts): AppFacts {
  const app = catalog.apps.get(endpoint.app);
  if (!app) {
    throw new Error(`Catalog invariant broken: endpoint "${endpoint.path}" names unknown app "${endpoint.app}"`);
  }
  return app;
}
