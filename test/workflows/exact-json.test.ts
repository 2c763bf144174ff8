import { describe, expect, it } from 'vitest';

import { JsonSyntaxError, parseJsonExact } from '../../src/workflows/index.js';

describe('parseJsonExact', () => {
  it('keeps integers beyond 2^53 as bigint', () => {
    const parsed = parseJsonExact('{"seed": 18446744073709551615, "small": -9007199254740993}') as Record<string, unknown>;

    expect(parsed.seed).toBe(18446744073709551615n);
    expect(parsed.small).toBe(-9007199254740993n);
    // JSON.parse rounds the same digits, which is what this reader exists to avoid.
    expect(String(JSON.parse('18446744073709551615'))).toBe('18446744073709552000');
  });

  it('returns safe integers and fractions as numbers', () => {
    expect(parseJsonExact('[9007199254740991, 1.0100000000000002, 1e3, -0.5, 0]')).toEqual([
      9007199254740991, 1.0100000000000002, 1000, -0.5, 0,
    ]);
  });

  it('decodes strings, escapes and literals', () => {
    expect(parseJsonExact('["a\\"b", "\\u8272\\n", true, false, null, {}]')).toEqual(['a"b', '色\n', true, false, null, {}]);
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = parseJsonExact('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;

    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips a leading byte order mark', () => {
    expect(parseJsonExact('\uFEFF{"a": 1}')).toEqual({ a: 1 });
  });

  it('reports the line and column of a syntax error', () => {
    const text = '{\n  "nodes": [\n    {"id": 1,}\n  ]\n}';

    let caught: unknown;
    try {
      parseJsonExact(text);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(JsonSyntaxError);
    const error = caught as JsonSyntaxError;
    expect(error.code).toBe('INVALID_JSON');
    expect(error.line).toBe(3);
    expect(error.column).toBe(14);
    expect(error.message).toBe('expected a string key in double quotes at line 3, column 14');
  });

  it.each([
    ['01', 'expected the end of the text after the JSON value at line 1, column 2'],
    ['[1 2]', 'expected "," or "]" after an array element at line 1, column 4'],
    ['"open', 'unterminated string at line 1, column 6'],
    ['{"a": tru}', 'unexpected characters, expected true at line 1, column 7'],
    ['', 'unexpected end of the text, expected a value at line 1, column 1'],
  ])('rejects %j', (text, message) => {
    expect(() => parseJsonExact(text)).toThrow(message);
  });

  it('rejects nesting deeper than 512 levels', () => {
    expect(() => parseJsonExact('['.repeat(600) + ']'.repeat(600))).toThrow('nesting deeper than 512 levels');
  });
});
