/**
 * Errors raised when a workflow file cannot be read at all. Problems inside a readable file
 * (unknown node types, dangling links...) are warnings in the summary instead.
 */

/** Stable codes callers can branch on. */
export type WorkflowErrorCode = 'INVALID_JSON' | 'UNRECOGNISED_FORMAT';

/** A workflow file that is not JSON, or JSON in neither ComfyUI format. */
export class WorkflowError extends Error {
  readonly code: WorkflowErrorCode;
  /** The file or label the text came from. */
  readonly file: string;
  /** 1-based position of a JSON syntax error, otherwise null. */
  readonly line: number | null;
  readonly column: number | null;

  constructor(code: WorkflowErrorCode, file: string, message: string, position?: { line: number; column: number }) {
    super(message);
    this.name = 'WorkflowError';
    this.code = code;
    this.file = file;
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
  }
}

/** Stable codes for repository-level failures. */
export type WorkflowRepositoryErrorCode = 'DIRECTORY_UNREADABLE' | 'INVALID_CATALOG';

/**
 * The workflow directory or the RunComfy catalog file cannot be used. One bad workflow file
 * never raises this, because `get` returns `{ available: false }` for it instead.
 */
export class WorkflowRepositoryError extends Error {
  constructor(
    readonly code: WorkflowRepositoryErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowRepositoryError';
  }
}
