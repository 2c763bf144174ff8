/**
 * Normalises the error bodies that Modal endpoints and the Modal platform send.
 *
 * The handlers produce three JSON shapes:
 * - `{"detail": "message"}` from FastAPI's HTTPException (400 missing input, 404 unknown route);
 * - `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}` from FastAPI request validation (422);
 * - `{"error": "message", "details": "traceback", "type": "ExceptionClass"}` from the app's own
 *   exception handlers (500, and some 400/404/503).
 * The platform in front of the app (gateway, rate limiter) sends plain text instead.
 */

/** Maximum characters kept in {@link ParsedErrorBody.detail}. */
export const MAX_DETAIL_CHARS = 4096;
/** Maximum characters kept in {@link ParsedErrorBody.message}. */
export const MAX_MESSAGE_CHARS = 500;

/** An error body reduced to one message line plus the longer upstream text. */
export interface ParsedErrorBody {
  /** One-line summary, such as `body.seed: value is not a valid integer`. */
  message: string;
  /** The longer upstream text (traceback, validation items, text body), at most 4 KB. */
  detail: string | undefined;
  /** Exception class name from the `{"error","details","type"}` shape. */
  upstreamType: string | undefined;
  /**
   * True when the body is one of the app's JSON shapes. Such a body means the app itself ran
   * and rejected the request, so the platform did not refuse it.
   */
  fromApp: boolean;
}

/** Parses an error body of any of the known shapes. Bodies that are not JSON are read as text. */
export function parseErrorBody(bytes: Buffer, status: number): ParsedErrorBody {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const json = parseJsonObject(text);
  if (json !== undefined) {
    const fromApp = parseAppShape(json);
    if (fromApp !== undefined) {
      return fromApp;
    }
  }
  return parseTextBody(text, status);
}

/** Cuts `text` to `limit` characters and appends how many characters were cut. */
export function capText(text: string, limit: number): string {
  if (text.length <= limit) {
    return text;
  }
  const suffix = ` [${text.length - limit} more characters cut]`;
  return text.slice(0, limit) + suffix;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(trimmed);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseAppShape(json: Record<string, unknown>): ParsedErrorBody | undefined {
  if (typeof json.error === 'string') {
    return {
      message: oneLine(json.error) || 'upstream error without a message',
      detail: typeof json.details === 'string' ? capText(json.details, MAX_DETAIL_CHARS) : undefined,
      upstreamType: typeof json.type === 'string' ? capText(json.type, 200) : undefined,
      fromApp: true,
    };
  }

  if (typeof json.detail === 'string') {
    return {
      message: oneLine(json.detail) || 'upstream error without a message',
      detail: capText(json.detail, MAX_DETAIL_CHARS),
      upstreamType: undefined,
      fromApp: true,
    };
  }

  if (Array.isArray(json.detail)) {
    const items = json.detail.map(formatValidationItem);
    return {
      message: oneLine(items.join('; ')) || 'request validation failed',
      detail: capText(JSON.stringify(json.detail), MAX_DETAIL_CHARS),
      upstreamType: undefined,
      fromApp: true,
    };
  }

  if (isRecord(json.detail)) {
    // FastAPI's HTTPException also accepts a dict as detail.
    const serialized = JSON.stringify(json.detail);
    return {
      message: oneLine(serialized),
      detail: capText(serialized, MAX_DETAIL_CHARS),
      upstreamType: undefined,
      fromApp: true,
    };
  }

  return undefined;
}

/** Formats one FastAPI validation item as `body.images[0]: field required`. */
function formatValidationItem(item: unknown): string {
  if (!isRecord(item)) {
    return JSON.stringify(item);
  }
  const location = Array.isArray(item.loc) ? formatLocation(item.loc) : '';
  const message = typeof item.msg === 'string' ? item.msg : 'invalid value';
  return location === '' ? message : `${location}: ${message}`;
}

function formatLocation(loc: readonly unknown[]): string {
  let out = '';
  for (const segment of loc) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      out += out === '' ? String(segment) : `.${String(segment)}`;
    }
  }
  return out;
}

function parseTextBody(text: string, status: number): ParsedErrorBody {
  const firstLine = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '');
  return {
    message: firstLine === undefined ? `HTTP ${status} with an empty body` : oneLine(firstLine),
    detail: text.trim() === '' ? undefined : capText(text, MAX_DETAIL_CHARS),
    upstreamType: undefined,
    fromApp: false,
  };
}

/** Collapses whitespace and line breaks so the message fits on one log line. */
function oneLine(text: string): string {
  return capText(text.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_CHARS);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
