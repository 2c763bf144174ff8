import { describe, expect, it } from 'vitest';

import {
  buildModalOrigin,
  createModalClient,
  normalizeOrigin,
  parseErrorBody,
  readModalHeaders,
  UpstreamError,
  validateResultUrl,
} from '../../src/upstream/index.js';

const PATTERN = 'https://{workspace}--{app}-comfyui-fastapi-app.modal.run';
const FLUX_ORIGIN = 'https://ryla--ryla-flux-comfyui-fastapi-app.modal.run';

describe('buildModalOrigin', () => {
  it('fills workspace and app into the pattern', () => {
    expect(buildModalOrigin(PATTERN, 'ryla', 'ryla-flux')).toBe(FLUX_ORIGIN);
    expect(buildModalOrigin(`${PATTERN}/`, 'ryla', 'ryla-z-image')).toBe('https://ryla--ryla-z-image-comfyui-fastapi-app.modal.run');
  });

  it('rejects names that are not DNS labels', () => {
    expect(() => buildModalOrigin(PATTERN, 'ryla', 'Ryla_Flux')).toThrow(
      'Invalid Modal app name "Ryla_Flux": expected lowercase letters, digits and inner hyphens, such as "ryla-flux".',
    );
    expect(() => buildModalOrigin(PATTERN, 'ryla.evil', 'ryla-flux')).toThrow('Invalid Modal workspace "ryla.evil"');
  });

  it('rejects a pattern with a path or without {app}', () => {
    expect(() => buildModalOrigin('https://{app}.modal.run/api', 'ryla', 'ryla-flux')).toThrow(
      'expected scheme, host and port only, without path, query or fragment.',
    );
    expect(() => buildModalOrigin('https://modal.run', 'ryla', 'ryla-flux')).toThrow('expected an "{app}" placeholder');
  });
});

describe('normalizeOrigin', () => {
  it('accepts bare origins and rejects everything else', () => {
    expect(normalizeOrigin('http://127.0.0.1:8080/', 'test')).toBe('http://127.0.0.1:8080');
    expect(() => normalizeOrigin('ftp://host', 'test')).toThrow('expected the http or https scheme, got "ftp:"');
    expect(() => normalizeOrigin('https://user:pw@host', 'test')).toThrow('credentials in the URL are not allowed');
    expect(() => normalizeOrigin('not a url', 'MODAL_ORIGIN')).toThrow(
      'Invalid origin "not a url" from MODAL_ORIGIN: expected an absolute URL such as "https://host.example".',
    );
  });
});

describe('validateResultUrl', () => {
  it('resolves a relative Location against the request URL', () => {
    const url = validateResultUrl('/flux-dev?__modal_function_call_id=fc-1', FLUX_ORIGIN, `${FLUX_ORIGIN}/flux-dev`);

    expect(url.href).toBe(`${FLUX_ORIGIN}/flux-dev?__modal_function_call_id=fc-1`);
  });

  it('rejects another origin, scheme or credentials', () => {
    const cases: Array<[string, string]> = [
      ['https://evil.example/flux-dev', 'its origin https://evil.example differs from the app origin'],
      ['http://ryla--ryla-flux-comfyui-fastapi-app.modal.run/flux-dev', 'its origin http://ryla--ryla-flux-comfyui-fastapi-app.modal.run differs'],
      ['javascript:alert(1)', 'its scheme "javascript:" is not http or https'],
      ['https://u:p@ryla--ryla-flux-comfyui-fastapi-app.modal.run/x', 'it contains credentials'],
      ['::::', 'it is not a valid URL'],
    ];
    for (const [url, reason] of cases) {
      let caught: unknown;
      try {
        validateResultUrl(url, FLUX_ORIGIN);
      } catch (error) {
        caught = error;
      }
      expect(caught, url).toBeInstanceOf(UpstreamError);
      expect((caught as UpstreamError).code, url).toBe('UPSTREAM_BAD_REDIRECT');
      expect((caught as UpstreamError).message, url).toContain(reason);
      expect((caught as UpstreamError).message, url).not.toContain('u:p@');
    }
  });
});

describe('parseErrorBody', () => {
  it('marks app shapes and text bodies apart', () => {
    expect(parseErrorBody(Buffer.from('{"detail":"Not Found"}'), 404)).toEqual({
      message: 'Not Found',
      detail: 'Not Found',
      upstreamType: undefined,
      fromApp: true,
    });
    expect(parseErrorBody(Buffer.from('<html>Bad Gateway</html>'), 502).fromApp).toBe(false);
    expect(parseErrorBody(Buffer.from('{"message":"rate limited"}'), 429).fromApp).toBe(false);
    expect(parseErrorBody(Buffer.from(''), 503)).toEqual({
      message: 'HTTP 503 with an empty body',
      detail: undefined,
      upstreamType: undefined,
      fromApp: false,
    });
  });

  it('formats a dict detail and collapses line breaks', () => {
    expect(parseErrorBody(Buffer.from('{"detail":{"lora":"missing.safetensors"}}'), 404).message).toBe(
      '{"lora":"missing.safetensors"}',
    );
    expect(parseErrorBody(Buffer.from('{"error":"line one\\nline two"}'), 500).message).toBe('line one line two');
  });
});

describe('readModalHeaders', () => {
  it('parses cost headers and keeps bad values only in raw', () => {
    const headers = readModalHeaders({
      'x-cost-usd': 'free',
      'x-execution-time-sec': '12.25',
      'x-gpu-type': 'L40S',
      'x-trace': ['a', 'b'],
      'content-type': 'image/png',
    });

    expect(headers).toEqual({
      executionTimeSec: 12.25,
      gpuType: 'L40S',
      raw: { 'x-cost-usd': 'free', 'x-execution-time-sec': '12.25', 'x-gpu-type': 'L40S', 'x-trace': 'a, b' },
    });
  });
});

describe('createModalClient options', () => {
  it('rejects invalid options by name without echoing secrets', () => {
    const resolveOrigin = (): string => FLUX_ORIGIN;

    expect(() => createModalClient({ resolveOrigin, connections: 0 })).toThrow('Invalid option connections 0: expected a positive integer.');
    expect(() => createModalClient({ resolveOrigin, retry: { attempts: 0 } })).toThrow('Invalid retry.attempts 0');
    expect(() => createModalClient({ resolveOrigin, proxyAuth: { key: 'wk', secret: 'bad secret\r\n' } })).toThrow(
      'Invalid proxyAuth.secret: expected printable ASCII without spaces or line breaks. Copy the token again from Modal.',
    );
  });
});
