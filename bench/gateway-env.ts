/** The gateway configuration every benchmark starts from. */
import { loadCatalog } from '../src/catalog/catalog.js';

/** API keys of the benchmark gateway; 16 to 256 characters as the key format requires. */
export const BENCH_CLIENT_KEY = 'bench-client-key-0123456789abcdef';
export const BENCH_INTERNAL_KEY = 'bench-internal-key-0123456789abcdef';

export interface GatewayEnvOptions {
  readonly dataDir: string;
  readonly logLevel?: string;
  /** The emulator's origin; unset for benchmarks that never reach Modal. */
  readonly modalOrigin?: string;
  /** Concurrency of every Modal app; default the catalog's. */
  readonly appConcurrency?: number;
  /** Further variables, which win over the defaults above. */
  readonly extra?: Record<string, string>;
}

/**
 * Builds the environment for `readConfig`: production mode, the benchmark keys, and per-key
 * limits raised to their maximum so that admission control never throttles a benchmark.
 */
export function gatewayEnv(options: GatewayEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    GATEWAY_API_KEYS: `client:${BENCH_CLIENT_KEY},internal:${BENCH_INTERNAL_KEY}`,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: options.logLevel ?? 'info',
    GENERATIONS_PER_MINUTE: '100000',
    MAX_IN_FLIGHT_PER_KEY: '100000',
  };
  if (options.modalOrigin) {
    env.MODAL_ORIGIN_OVERRIDE = options.modalOrigin;
  }
  if (options.appConcurrency) {
    const apps = [...loadCatalog().apps.keys()];
    env.APP_CONCURRENCY = apps.map((app) => `${app}=${options.appConcurrency}`).join(',');
  }
  return { ...env, ...options.extra };
}
