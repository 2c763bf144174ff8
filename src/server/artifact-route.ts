/**
 * Serves generation outputs at `GET /artifacts/:id` to the generation's owner and the internal
 * role. Any other caller gets the same 404 as for an id that does not exist.
 */
import type { GatewayServices } from './context.js';
import { HttpError, type ExtraRoute } from './http.js';

const ARTIFACT_PATH = /^\/artifacts\/(art_[a-f0-9]{32})$/;

/** Creates the artifact download route. */
export function createArtifactRoute(services: Pick<GatewayServices, 'store' | 'blobs'>): ExtraRoute {
  return async (request, response, { url, principal }) => {
    if (!url.pathname.startsWith('/artifacts/')) {
      return false;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Artifacts are read with GET.', { allow: 'GET, HEAD' });
    }
    if (!principal) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'Missing or unknown API key. Send the header "Authorization: Bearer <key>".', {
        'www-authenticate': 'Bearer',
      });
    }

    const notFound = new HttpError(404, 'NOT_FOUND', 'No artifact with this id exists for this API key.');
    const id = ARTIFACT_PATH.exec(url.pathname)?.[1];
    if (!id) {
      throw notFound;
    }
    const artifact = await services.store.getArtifact(id);
    const generation = artifact ? await services.store.getGeneration(artifact.generationId) : null;
    if (!artifact || !generation || (principal.role !== 'internal' && generation.ownerId !== principal.ownerId)) {
      throw notFound;
    }

    response.statusCode = 200;
    response.setHeader('content-type', artifact.mediaType);
    response.setHeader('content-length', artifact.byteSize);
    response.setHeader('cache-control', 'private, max-age=31536000, immutable');
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('etag', `"${artifact.sha256}"`);
    if (request.method === 'HEAD') {
      response.end();
      return true;
    }
    const stream = services.blobs.openReadStream(artifact.storageKey);
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      response.on('close', resolve);
      stream.pipe(response);
    });
    return true;
  };
}
