/**
 * `GET /metrics` in the Prometheus text format, for the internal role only. The labels name
 * supporting endpoints and Modal apps, which clients must not learn, so a missing key and a
 * client key both get the same 401 as an unknown key.
 */
import { HttpError, type ExtraRoute } from '../server/http.js';
import type { GatewayMetrics } from './metrics.js';

/** Creates the `/metrics` route. */
export function createMetricsRoute(metrics: GatewayMetrics): ExtraRoute {
  return async (request, response, { url, principal }) => {
    if (url.pathname !== '/metrics') {
      return false;
    }
    if (principal?.role !== 'internal') {
      throw new HttpError(
        401,
        'UNAUTHENTICATED',
        'Metrics need the internal API key. Send the header "Authorization: Bearer <internal key>".',
        { 'www-authenticate': 'Bearer' },
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', '/metrics is read with GET.', { allow: 'GET, HEAD' });
    }

    const { contentType, body } = await metrics.render();
    response.statusCode = 200;
    response.setHeader('content-type', contentType);
    response.setHeader('content-length', Buffer.byteLength(body));
    response.setHeader('cache-control', 'no-store');
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
