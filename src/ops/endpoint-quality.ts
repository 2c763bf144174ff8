/**
 * Endpoint quality for the internal role: statistics per endpoint over a time window, the
 * endpoints that breach thresholds, and the ratings behind the mean.
 */
import { GraphQLError } from 'graphql';

import type { Catalog } from '../catalog/catalog.js';
import type { EndpointRuntime } from '../catalog/runtime.js';
import { truncate } from '../errors/graphql-errors.js';
import type { GenerationRecord, GenerationStore, RatingRecord } from '../store/index.js';
import { DEFAULT_BREACH_THRESHOLDS, findBreaches, type BreachThresholds, type EndpointBreach } from './endpoint-breaches.js';
import { computeEndpointStats, type EndpointStats, type StatsWindow } from './endpoint-stats.js';

export const DEFAULT_WINDOW_HOURS = 24;
/** Maximum window length, because `listFinishedGenerations` reads every row of the window into memory. */
export const MAX_WINDOW_DAYS = 31;
export const MAX_RATINGS_PAGE = 500;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The window as the caller gives it; either bound may be omitted. */
export interface WindowRequest {
  readonly since?: Date | null;
  readonly until?: Date | null;
}

export interface EndpointQualityOptions {
  readonly catalog: Pick<Catalog, 'endpoints' | 'removedEndpoints'>;
  readonly runtime: Pick<EndpointRuntime, 'endpoints'>;
  readonly store: Pick<GenerationStore, 'listFinishedGenerations' | 'listRatings'>;
  readonly now?: () => number;
}

/** Computes endpoint statistics and breaches from the store. */
export class EndpointQuality {
  private readonly now: () => number;

  constructor(private readonly options: EndpointQualityOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Returns statistics for every catalog endpoint, and for any other endpoint with generations
   * in the window, sorted by path; with `endpoint`, for that endpoint only.
   *
   * @throws GraphQLError BAD_USER_INPUT for an invalid window or an endpoint the catalog never had.
   */
  async stats(request: WindowRequest & { endpoint?: string | null }): Promise<EndpointStats[]> {
    const window = this.resolveWindow(request);
    const endpoint = request.endpoint ?? undefined;
    if (endpoint !== undefined && !this.options.catalog.endpoints.has(endpoint) && !this.options.catalog.removedEndpoints.has(endpoint)) {
      throw new GraphQLError(
        `No endpoint "${truncate(endpoint)}" is or was in the catalog. Pass a path from internal.endpoints or internal.removedEndpoints, or omit "endpoint".`,
        { extensions: { code: 'BAD_USER_INPUT', argumentName: 'endpoint' } },
      );
    }

    const [generations, ratings] = await Promise.all([
      this.options.store.listFinishedGenerations({ endpoint, finishedAfter: window.since, finishedBefore: window.until }),
      this.options.store.listRatings(endpoint === undefined ? {} : { endpoint }),
    ]);
    return this.groupStats(window, generations, ratings, endpoint);
  }

  /**
   * Returns the endpoints whose statistics in the window breach a threshold, with the reasons.
   *
   * @throws GraphQLError BAD_USER_INPUT for an invalid window or threshold.
   */
  async breaches(request: WindowRequest & Partial<BreachThresholds>): Promise<EndpointBreach[]> {
    const thresholds = validateThresholds({
      minSuccessRate: request.minSuccessRate ?? DEFAULT_BREACH_THRESHOLDS.minSuccessRate,
      maxP95Seconds: request.maxP95Seconds ?? DEFAULT_BREACH_THRESHOLDS.maxP95Seconds,
      minRatingMean: request.minRatingMean ?? DEFAULT_BREACH_THRESHOLDS.minRatingMean,
      minGenerations: request.minGenerations ?? DEFAULT_BREACH_THRESHOLDS.minGenerations,
      minRatings: request.minRatings ?? DEFAULT_BREACH_THRESHOLDS.minRatings,
    });
    const stats = await this.stats({ since: request.since, until: request.until });
    return findBreaches(stats, thresholds, (endpoint) => this.options.runtime.endpoints.get(endpoint)?.deadlineSeconds);
  }

  /**
   * Returns ratings newest first, at most `first`.
   *
   * @throws GraphQLError BAD_USER_INPUT when `first` is outside 1 to 500.
   */
  async ratings(request: { endpoint?: string | null; generationId?: string | null; first: number }): Promise<RatingRecord[]> {
    if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_RATINGS_PAGE) {
      throw badInput('first', `"first" must be a whole number from 1 to ${MAX_RATINGS_PAGE}; got ${request.first}.`);
    }
    const ratings = await this.options.store.listRatings({
      ...(request.endpoint ? { endpoint: request.endpoint } : {}),
      ...(request.generationId ? { generationId: request.generationId } : {}),
    });
    return ratings.reverse().slice(0, request.first);
  }

  /** Fills in the default window and checks its bounds. */
  resolveWindow(request: WindowRequest): StatsWindow {
    const until = request.until ?? new Date(this.now());
    const since = request.since ?? new Date(until.getTime() - DEFAULT_WINDOW_HOURS * HOUR_MS);
    if (since.getTime() >= until.getTime()) {
      throw badInput('since', `"since" (${since.toISOString()}) must be before "until" (${until.toISOString()}).`);
    }
    if (until.getTime() - since.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw badInput(
        'since',
        `The window from ${since.toISOString()} to ${until.toISOString()} is longer than ${MAX_WINDOW_DAYS} days; query shorter windows and combine them.`,
      );
    }
    return { since, until };
  }

  private groupStats(
    window: StatsWindow,
    generations: readonly GenerationRecord[],
    ratings: readonly RatingRecord[],
    only: string | undefined,
  ): EndpointStats[] {
    const appOf = new Map<string, string>();
    for (const endpoint of this.options.catalog.endpoints.values()) {
      if (only === undefined || endpoint.path === only) {
        appOf.set(endpoint.path, endpoint.app);
      }
    }
    const generationsOf = new Map<string, GenerationRecord[]>();
    for (const record of generations) {
      if (!appOf.has(record.endpoint)) {
        appOf.set(record.endpoint, record.app);
      }
      pushTo(generationsOf, record.endpoint, record);
    }
    const ratingsOf = new Map<string, RatingRecord[]>();
    for (const rating of ratings) {
      const time = rating.createdAt.getTime();
      if (time >= window.since.getTime() && time < window.until.getTime()) {
        pushTo(ratingsOf, rating.endpoint, rating);
      }
    }

    return [...appOf]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([endpoint, app]) => computeEndpointStats(endpoint, app, window, generationsOf.get(endpoint) ?? [], ratingsOf.get(endpoint) ?? []));
  }
}

function validateThresholds(thresholds: BreachThresholds): BreachThresholds {
  const { minSuccessRate, maxP95Seconds, minRatingMean, minGenerations, minRatings } = thresholds;
  if (!(minSuccessRate >= 0 && minSuccessRate <= 1)) {
    throw badInput('minSuccessRate', `"minSuccessRate" is a share from 0 to 1, such as 0.9; got ${minSuccessRate}.`);
  }
  if (maxP95Seconds !== null && !(maxP95Seconds > 0)) {
    throw badInput('maxP95Seconds', `"maxP95Seconds" must be above 0, or omitted to use half of each endpoint's client deadline; got ${maxP95Seconds}.`);
  }
  if (!(minRatingMean >= 1 && minRatingMean <= 5)) {
    throw badInput('minRatingMean', `"minRatingMean" is a score from 1 to 5; got ${minRatingMean}.`);
  }
  if (!(minGenerations >= 1)) {
    throw badInput('minGenerations', `"minGenerations" must be at least 1; got ${minGenerations}.`);
  }
  if (!(minRatings >= 1)) {
    throw badInput('minRatings', `"minRatings" must be at least 1; got ${minRatings}.`);
  }
  return thresholds;
}

function badInput(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
