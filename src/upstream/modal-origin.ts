/**
 * Origins of Modal apps and checks on the result URLs that Modal hands out with a 303.
 */
import { UpstreamError } from './upstream-error.js';

/** A Modal workspace or app name: the DNS label characters Modal allows in web endpoint hosts. */
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Builds the origin of a Modal app from a URL pattern such as
 * `https://{workspace}--{app}-comfyui-fastapi-app.modal.run`.
 *
 * Returns the origin without a trailing slash. Throws a TypeError naming the argument when the
 * workspace or app is not a lowercase DNS label, or when the filled pattern is not a bare
 * http(s) origin.
 */
export function buildModalOrigin(pattern: string, workspace: string, app: string): string {
  if (!LABEL_PATTERN.test(workspace)) {
    throw new TypeError(
      `Invalid Modal workspace ${JSON.stringify(workspace)}: expected lowercase letters, digits and inner hyphens, such as "ryla".`,
    );
  }
  if (!LABEL_PATTERN.test(app)) {
    throw new TypeError(
      `Invalid Modal app name ${JSON.stringify(app)}: expected lowercase letters, digits and inner hyphens, such as "ryla-flux".`,
    );
  }
  if (!pattern.includes('{app}')) {
    throw new TypeError(
      `Invalid Modal URL pattern ${JSON.stringify(pattern)}: expected an "{app}" placeholder, such as "https://{workspace}--{app}-comfyui-fastapi-app.modal.run".`,
    );
  }
  const filled = pattern.replaceAll('{workspace}', workspace).replaceAll('{app}', app);
  return normalizeOrigin(filled, `Modal URL pattern ${JSON.stringify(pattern)}`);
}

/**
 * Parses `value` as a bare http(s) origin (no path, query, fragment or credentials) and returns
 * it without a trailing slash. Throws a TypeError that names `place` otherwise.
 */
export function normalizeOrigin(value: string, place: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`Invalid origin ${JSON.stringify(value)} from ${place}: expected an absolute URL such as "https://host.example".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Invalid origin ${JSON.stringify(value)} from ${place}: expected the http or https scheme, got "${url.protocol}".`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`Invalid origin from ${place}: credentials in the URL are not allowed. Use proxyAuth for Modal proxy auth.`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new TypeError(
      `Invalid origin ${JSON.stringify(value)} from ${place}: expected scheme, host and port only, without path, query or fragment.`,
    );
  }
  return url.origin;
}

/**
 * Checks that a result URL (a 303 `Location`, or one stored before a restart) points at the
 * app's own origin, so the client never sends proxy credentials or waits on another host.
 *
 * `url` may be relative when `base` is given. It is then resolved against `base`, as a browser
 * resolves a `Location`. Returns the absolute URL. Throws `UPSTREAM_BAD_REDIRECT` (with
 * `jobMayHaveStarted: true`, because a result URL exists only for an accepted job) when the URL
 * cannot be parsed, uses another scheme, carries credentials or has a different origin.
 */
export function validateResultUrl(url: string, expectedOrigin: string, base?: string): URL {
  const checked = checkResultUrl(url, expectedOrigin, base);
  if (typeof checked === 'string') {
    throw new UpstreamError('UPSTREAM_BAD_REDIRECT', describeBadResultUrl(url, checked), { jobMayHaveStarted: true });
  }
  return checked;
}

/** Returns the absolute result URL, or the reason it was rejected (see {@link validateResultUrl}). */
export function checkResultUrl(url: string, expectedOrigin: string, base?: string): URL | string {
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(url) : new URL(url, base);
  } catch {
    return 'it is not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `its scheme "${parsed.protocol}" is not http or https`;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'it contains credentials';
  }
  if (parsed.origin !== expectedOrigin) {
    return `its origin ${parsed.origin} differs from the app origin ${expectedOrigin}`;
  }
  parsed.hash = '';
  return parsed;
}

/** Formats the message for a rejected result URL, without credentials and cut to 300 characters. */
export function describeBadResultUrl(url: string, reason: string): string {
  const redacted = url.replace(/\/\/[^/?#]*@/, '//[credentials removed]@');
  const displayed = redacted.length > 300 ? `${redacted.slice(0, 300)}...` : redacted;
  return `Rejected the Modal result URL ${JSON.stringify(displayed)} because ${reason}. The job may still be running, so check the app's logs in Modal.`;
}
