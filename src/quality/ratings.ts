/**
 * Quality ratings that the internal role records for an endpoint or one of its generations.
 */
import type { Principal } from '../auth/keyring.js';
import type { Catalog } from '../catalog/catalog.js';
import type { UserError } from '../generation/inputs.js';
import { newRecordId, type GenerationStore, type RatingRecord } from '../store/index.js';

export interface RateEndpointRequest {
  readonly endpoint: string;
  readonly generationId?: string | null;
  readonly score: number;
  readonly note?: string | null;
}

export const MAX_NOTE_LENGTH = 2000;

/** Records and validates ratings. */
export class RatingService {
  constructor(private readonly options: { catalog: Catalog; store: GenerationStore }) {}

  /** Validates and stores a rating; invalid input returns user errors and stores nothing. */
  async rate(principal: Principal, request: RateEndpointRequest): Promise<{ rating: RatingRecord | null; userErrors: UserError[] }> {
    const userErrors: UserError[] = [];
    if (!this.options.catalog.endpoints.has(request.endpoint)) {
      userErrors.push({ field: ['input', 'endpoint'], code: 'ENDPOINT_NOT_FOUND', message: `No endpoint "${request.endpoint.slice(0, 80)}" is in the catalog.` });
    }
    if (!Number.isInteger(request.score) || request.score < 1 || request.score > 5) {
      userErrors.push({ field: ['input', 'score'], code: 'OUT_OF_RANGE', message: `A score is a whole number from 1 to 5; got ${request.score}.` });
    }
    const note = request.note ?? null;
    if (note !== null && note.length > MAX_NOTE_LENGTH) {
      userErrors.push({ field: ['input', 'note'], code: 'OUT_OF_RANGE', message: `A note is at most ${MAX_NOTE_LENGTH} characters; got ${note.length}.` });
    }
    const generationId = request.generationId ?? null;
    if (generationId !== null) {
      const generation = await this.options.store.getGeneration(generationId);
      if (!generation) {
        userErrors.push({ field: ['input', 'generationId'], code: 'NOT_FOUND', message: `No generation "${generationId.slice(0, 80)}" exists.` });
      } else if (generation.endpoint !== request.endpoint) {
        userErrors.push({
          field: ['input', 'generationId'],
          code: 'INVALID_VALUE',
          message: `Generation ${generationId} ran on ${generation.endpoint}, not ${request.endpoint}.`,
        });
      }
    }
    if (userErrors.length > 0) {
      return { rating: null, userErrors };
    }

    const rating: RatingRecord = {
      id: newRecordId('rat'),
      endpoint: request.endpoint,
      generationId,
      score: request.score,
      note,
      authorId: principal.ownerId,
      createdAt: new Date(),
    };
    await this.options.store.insertRating(rating);
    return { rating, userErrors: [] };
  }
}
