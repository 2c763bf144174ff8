/**
 * Internal: the replies the emulator can send, and the error bodies in the shapes real Modal
 * endpoints produce.
 */

/** Error body shapes: FastAPI HTTPException, FastAPI validation list, handler catch-all, platform text. */
export type ErrorShape = 'detail' | 'detail_list' | 'error_details_type' | 'text';

/** One entry of a FastAPI request-validation (422) `detail` list. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'text'; status: number; body: string }
  | { kind: 'media'; bytes: Buffer; headers: Record<string, string> }
  | { kind: 'redirect'; location: string };

export function jsonReply(status: number, body: unknown): Reply {
  return { kind: 'json', status, body };
}

/** `{"detail": message}`, as FastAPI's HTTPException sends it. */
export function detailReply(status: number, message: string): Reply {
  return jsonReply(status, { detail: message });
}

/** `{"detail": [{loc, msg, type}, ...]}`, as FastAPI's request validation sends it (422). */
export function validationReply(issues: ValidationIssue[]): Reply {
  return jsonReply(422, { detail: issues });
}

/**
 * `{"error", "details", "type"}`, as the handlers' exception handlers send it: the message,
 * a Python traceback, and the exception class name.
 */
export function handlerExceptionReply(status: number, message: string, exceptionType: string): Reply {
  const details = [
    'Traceback (most recent call last):',
    '  File "/root/emulator/handler.py", line 1, in handle',
    `${exceptionType}: ${message}`,
    '',
  ].join('\n');
  return jsonReply(status, { error: message, details, type: exceptionType });
}

/** Builds an error reply of any shape, for fault injection. */
export function errorReply(status: number, shape: ErrorShape, message: string): Reply {
  switch (shape) {
    case 'detail':
      return detailReply(status, message);
    case 'detail_list':
      return validationReply([{ loc: ['body'], msg: message, type: 'value_error' }]);
    case 'error_details_type':
      return handlerExceptionReply(status, message, 'RuntimeError');
    case 'text':
      return { kind: 'text', status, body: message };
  }
}
