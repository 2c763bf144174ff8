/**
 * A JSON reader that keeps every integer exact.
 *
 * `JSON.parse` turns every number into an IEEE double, so a ComfyUI seed such as
 * 18446744073709551615 comes back as 18446744073709552000. This reader follows RFC 8259 and
 * returns integers outside the safe range (beyond ±(2^53 − 1)) as `bigint`, so their digits
 * survive. Integers inside the safe range and numbers with a fraction or an exponent stay
 * `number`. It takes no reviver, because a reviver only ever receives the already rounded double.
 */

/** A parsed JSON value. Integers beyond ±(2^53 − 1) are `bigint`. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;

/** A parsed JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Nesting deeper than this is rejected instead of overflowing the call stack. */
const MAX_DEPTH = 512;

const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** Invalid JSON text, with the 1-based line and column where reading stopped. */
export class JsonSyntaxError extends Error {
  readonly code = 'INVALID_JSON' as const;

  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Parses JSON text, keeping integers beyond ±(2^53 − 1) as `bigint`.
 *
 * @throws JsonSyntaxError with the line and column of the first error.
 */
export function parseJsonExact(text: string): JsonValue {
  const reader = new JsonReader(text);
  return reader.readDocument();
}

/** Returns true when `value` is a JSON object (not an array and not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class JsonReader {
  private position = 0;

  constructor(private readonly text: string) {
    // A byte order mark is not JSON, but editors on Windows write one.
    if (text.charCodeAt(0) === 0xfeff) this.position = 1;
  }

  readDocument(): JsonValue {
    this.skipWhitespace();
    const value = this.readValue(0);
    this.skipWhitespace();
    if (this.position < this.text.length) this.fail('expected the end of the text after the JSON value');
    return value;
  }

  private readValue(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const char = this.text[this.position];
    switch (char) {
      case '{':
        return this.readObject(depth);
      case '[':
        return this.readArray(depth);
      case '"':
        return this.readString();
      case 't':
        return this.readLiteral('true', true);
      case 'f':
        return this.readLiteral('false', false);
      case 'n':
        return this.readLiteral('null', null);
      case undefined:
        return this.fail('unexpected end of the text, expected a value');
      default:
        if (char === '-' || (char >= '0' && char <= '9')) return this.readNumber();
        return this.fail(`unexpected character ${JSON.stringify(char)}, expected a value`);
    }
  }

  private readObject(depth: number): JsonObject {
    const result: JsonObject = {};
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return result;
    }

    for (;;) {
      if (this.text[this.position] !== '"') this.fail('expected a string key in double quotes');
      const key = this.readString();
      this.skipWhitespace();
      this.expect(':', 'expected ":" after an object key');
      this.skipWhitespace();
      const value = this.readValue(depth + 1);
      // A plain assignment to "__proto__" would replace the prototype instead of adding a key.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      if (this.text[this.position] === ',') {
        this.position++;
        this.skipWhitespace();
        continue;
      }
      this.expect('}', 'expected "," or "}" after an object member');
      return result;
    }
  }

  private readArray(depth: number): JsonValue[] {
    const result: JsonValue[] = [];
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return result;
    }

    for (;;) {
      result.push(this.readValue(depth + 1));
      this.skipWhitespace();
      if (this.text[this.position] === ',') {
        this.position++;
        this.skipWhitespace();
        continue;
      }
      this.expect(']', 'expected "," or "]" after an array element');
      return result;
    }
  }

  private readString(): string {
    this.position++;
    let result = '';
    let chunkStart = this.position;

    for (;;) {
      const code = this.text.charCodeAt(this.position);
      if (Number.isNaN(code)) this.fail('unterminated string');
      if (code === 0x22) {
        result += this.text.slice(chunkStart, this.position);
        this.position++;
        return result;
      }
      if (code < 0x20) this.fail('control character inside a string; escape it as \\u00XX');
      if (code !== 0x5c) {
        this.position++;
        continue;
      }

      result += this.text.slice(chunkStart, this.position);
      result += this.readEscape();
      chunkStart = this.position;
    }
  }

  private readEscape(): string {
    const escaped = this.text[this.position + 1];
    this.position += 2;
    switch (escaped) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.position, this.position + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('expected four hex digits after \\u');
        this.position += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      default:
        this.position -= 2;
        return this.fail(`invalid escape sequence \\${escaped ?? ''}`);
    }
  }

  private readNumber(): number | bigint {
    NUMBER_PATTERN.lastIndex = this.position;
    const match = NUMBER_PATTERN.exec(this.text);
    if (!match) return this.fail('invalid number');
    const token = match[0];
    this.position += token.length;

    const isInteger = match[1] === undefined && match[2] === undefined;
    if (!isInteger) return Number(token);
    const asNumber = Number(token);
    return Number.isSafeInteger(asNumber) ? asNumber : BigInt(token);
  }

  private readLiteral<T extends boolean | null>(word: string, value: T): T {
    if (this.text.startsWith(word, this.position)) {
      this.position += word.length;
      return value;
    }
    return this.fail(`unexpected characters, expected ${word}`);
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.position);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) this.position++;
      else return;
    }
  }

  private expect(char: string, reason: string): void {
    if (this.text[this.position] !== char) this.fail(reason);
    this.position++;
  }

  private fail(reason: string): never {
    const { line, column } = lineAndColumn(this.text, this.position);
    throw new JsonSyntaxError(reason, this.position, line, column);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
