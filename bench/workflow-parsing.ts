/**
 * Benchmark 5: time to parse the shared RunComfy workflow files. "Cold" is the first `get` of a
 * slug on a fresh repository, which stats, reads and parses the file. "Cached" is a second `get`
 * on the same repository, which stats the file and returns the stored result. "Parse only"
 * times `parseWorkflowText` on text already in memory.
 */
import { readFileSync, statSync } from 'node:fs';

import { createWorkflowRepository, parseWorkflowText } from '../src/workflows/index.js';
import { median } from './stats.js';

export interface WorkflowParsingOptions {
  readonly dir: string;
  /** Fresh repositories per file; each gives one cold and one cached sample. */
  readonly rounds: number;
}

export interface WorkflowFileTiming {
  readonly slug: string;
  readonly bytes: number;
  readonly nodes: number;
  /** The very first `get` in this process, before the parser's code is optimised, in ms. */
  readonly firstColdMs: number;
  /** Medians over the rounds, in ms. */
  readonly coldMs: number;
  readonly parseOnlyMs: number;
  readonly cachedMs: number;
}

export interface WorkflowParsingResult {
  readonly rounds: number;
  readonly files: readonly WorkflowFileTiming[];
  /** Means over the files of the per-file medians, in ms. */
  readonly meanColdMs: number;
  readonly meanParseOnlyMs: number;
  readonly meanCachedMs: number;
  /** All files parsed once by a fresh repository, in the first round, in ms. */
  readonly firstPassTotalMs: number;
}

/**
 * Times every workflow in `options.dir`.
 *
 * @throws Error when a workflow is unavailable (unreadable or unparsable), since its timing
 * would measure the error path.
 */
export async function runWorkflowParsingBenchmark(options: WorkflowParsingOptions): Promise<WorkflowParsingResult> {
  const listings = await createWorkflowRepository({ dir: options.dir }).list();
  if (listings.length === 0) {
    throw new Error(`no <slug>/workflow.json files under ${options.dir}; the workflow benchmark needs the shared RunComfy workflows there`);
  }

  const cold = new Map<string, number[]>();
  const cached = new Map<string, number[]>();
  const nodes = new Map<string, number>();
  let firstPassTotalMs = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    const repository = createWorkflowRepository({ dir: options.dir });
    for (const { slug } of listings) {
      const coldStarted = performance.now();
      const lookup = await repository.get(slug);
      const coldMs = performance.now() - coldStarted;
      if (!lookup.available) {
        throw new Error(`workflow ${slug} is unavailable (${lookup.code}): ${lookup.reason}`);
      }
      nodes.set(slug, lookup.nodes.length);

      const cachedStarted = performance.now();
      await repository.get(slug);
      const cachedMs = performance.now() - cachedStarted;

      push(cold, slug, coldMs);
      push(cached, slug, cachedMs);
      if (round === 0) {
        firstPassTotalMs += coldMs;
      }
    }
  }

  const files = listings.map(({ slug, file }): WorkflowFileTiming => {
    const text = readFileSync(file, 'utf8');
    const parseOnly: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const startedAt = performance.now();
      parseWorkflowText(text, { slug, file });
      parseOnly.push(performance.now() - startedAt);
    }
    return {
      slug,
      bytes: statSync(file).size,
      nodes: nodes.get(slug) ?? 0,
      firstColdMs: cold.get(slug)![0]!,
      coldMs: median(cold.get(slug)!),
      parseOnlyMs: median(parseOnly),
      cachedMs: median(cached.get(slug)!),
    };
  });

  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    rounds: options.rounds,
    files,
    meanColdMs: mean(files.map((file) => file.coldMs)),
    meanParseOnlyMs: mean(files.map((file) => file.parseOnlyMs)),
    meanCachedMs: mean(files.map((file) => file.cachedMs)),
    firstPassTotalMs,
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const values = map.get(key) ?? [];
  values.push(value);
  map.set(key, values);
}
