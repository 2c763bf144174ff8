/**
 * Public surface of the workflow module: parsing ComfyUI workflows, their summaries, the
 * endpoint alignment, and the file repository with its per-request loader.
 */
export { parseWorkflowText, type ParseWorkflowOptions } from './parse.js';
export { computeAlignment, rankAlignments } from './alignment.js';
export {
  createWorkflowRepository,
  type WorkflowCacheStats,
  type WorkflowRepository,
  type WorkflowRepositoryOptions,
} from './repository.js';
export { createWorkflowLoader } from './loader.js';
export { WorkflowError, WorkflowRepositoryError, type WorkflowErrorCode, type WorkflowRepositoryErrorCode } from './errors.js';
export { JsonSyntaxError, parseJsonExact, type JsonObject, type JsonValue } from './exact-json.js';
export { detectModelFamily } from './model-families.js';
export { listKnownNodeTypes } from './node-types.js';
export type * from './types.js';
