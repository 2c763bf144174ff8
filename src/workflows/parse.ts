/**
 * Entry point from workflow text to summary: reads the JSON exactly, recognises the format and
 * builds the summary.
 */
import { isJsonObject, JsonSyntaxError, parseJsonExact, type JsonObject, type JsonValue } from './exact-json.js';
import { WorkflowError } from './errors.js';
import { buildApiGraph, looksLikeApiPrompt, type Graph } from './graph.js';
import { summarizeGraph } from './summary.js';
import type { WorkflowSummary } from './types.js';
import { buildUiGraph } from './ui-graph.js';

export interface ParseWorkflowOptions {
  /** Slug recorded in the summary; default null. */
  slug?: string | null;
  /** File name or label used in error messages; default "workflow". */
  file?: string;
}

/**
 * Parses a ComfyUI workflow in the editor's graph format or the API (prompt) format and
 * extracts its summary. Integers keep every digit, so seeds above 2^53 survive.
 *
 * @throws WorkflowError `INVALID_JSON` with the file, line and column of the syntax error, or
 * `UNRECOGNISED_FORMAT` when the JSON is neither format.
 */
export function parseWorkflowText(text: string, options: ParseWorkflowOptions = {}): WorkflowSummary {
  const file = options.file ?? 'workflow';
  const root = readJson(text, file);
  return summarizeGraph(buildGraph(root, file), options.slug ?? null);
}

function readJson(text: string, file: string): JsonValue {
  try {
    return parseJsonExact(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new WorkflowError(
      'INVALID_JSON',
      file,
      `${file} is not valid JSON: ${error.reason} at line ${error.line}, column ${error.column}; fix the file or export it again from ComfyUI`,
      { line: error.line, column: error.column },
    );
  }
}

function buildGraph(root: JsonValue, file: string): Graph {
  if (isJsonObject(root) && Array.isArray(root.nodes)) {
    const graph = buildUiGraph(root);
    reportEmbeddedPrompts(root, graph);
    return graph;
  }
  if (looksLikeApiPrompt(root)) return buildApiGraph(root);

  const found = Array.isArray(root) ? 'an array' : isJsonObject(root) ? `an object with keys ${describeKeys(root)}` : `a ${typeof root}`;
  throw new WorkflowError(
    'UNRECOGNISED_FORMAT',
    file,
    `${file} is neither ComfyUI format: expected an object with a "nodes" array (the editor's graph) or an object of {"class_type", "inputs"} entries (the API prompt), but found ${found}`,
  );
}

/**
 * Some tools store an API prompt under `extra` next to the graph. It is a snapshot from an
 * earlier run and may disagree with the graph, so only the graph is read.
 */
function reportEmbeddedPrompts(root: JsonObject, graph: Graph): void {
  const extra = root.extra;
  if (!isJsonObject(extra)) return;
  for (const [key, value] of Object.entries(extra)) {
    if (!looksLikeApiPrompt(value)) continue;
    const count = Object.keys(value).length;
    graph.warnings.add(
      'EMBEDDED_PROMPT_IGNORED',
      `extra.${key} contains an API prompt with ${count} node${count === 1 ? '' : 's'}; it is ignored because the graph is authoritative`,
    );
  }
}

function describeKeys(root: JsonObject): string {
  const keys = Object.keys(root);
  if (keys.length === 0) return '(none)';
  return keys.slice(0, 5).map((key) => `"${key}"`).join(', ') + (keys.length > 5 ? ', ...' : '');
}
