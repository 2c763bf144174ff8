/**
 * Raised when configuration or catalog data is invalid. The message names the source (file or
 * environment variable), the path inside it, the value that arrived and the fix, so the
 * operator can correct it without reading code.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIGURATION';

  constructor(
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(formatIssues(source, issues));
  }
}

/** One problem found in a configuration source. */
export interface ConfigIssue {
  /** JSON path or variable name, such as `endpoints[3].inputs[1].default`. */
  readonly path: string;
  readonly message: string;
  /** The offending value, already shortened and free of secrets. */
  readonly value?: unknown;
}

function formatIssues(source: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const shown = issue.value === undefined ? '' : ` (got ${describeValue(issue.value)})`;
    return `  - ${issue.path || '(root)'}: ${issue.message}${shown}`;
  });
  return `Invalid configuration in ${source}:\n${lines.join('\n')}`;
}

/** Renders a value for an error message, cut to 80 characters. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') {
    text = JSON.stringify(value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Formats a zod issue path such as `['endpoints', 3, 'inputs']` as `endpoints[3].inputs`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      out += out === '' ? String(segment) : `.${String(segment)}`;
    }
  }
  return out;
}
