/**
 * Starts the Modal emulator from the command line (`npm run emulator`).
 *
 * Environment: EMULATOR_HOST (default 127.0.0.1, loopback only), EMULATOR_PORT (default 8001),
 * CATALOG_PATH (default catalog/catalog.json in the repository), EMULATOR_JOB_MS (default 50),
 * EMULATOR_REQUEST_CAP_MS (default 150000).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { pino } from 'pino';
import { z } from 'zod';

import { catalogFileSchema, type CatalogFile } from '../catalog/schema.js';
import { startEmulator } from './emulator.js';

const logger = pino({ name: 'modal-emulator' });

const integerText = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((text) => /^\d+$/.test(text), { message: `${name} must be a whole number of milliseconds or a port, such as ${fallback}` })
    .transform(Number);

const environmentSchema = z.object({
  EMULATOR_HOST: z.string().default('127.0.0.1'),
  EMULATOR_PORT: integerText('EMULATOR_PORT', '8001'),
  CATALOG_PATH: z.string().default(fileURLToPath(new URL('../../catalog/catalog.json', import.meta.url))),
  EMULATOR_JOB_MS: integerText('EMULATOR_JOB_MS', '50'),
  EMULATOR_REQUEST_CAP_MS: integerText('EMULATOR_REQUEST_CAP_MS', '150000'),
});

function loadCatalog(path: string): CatalogFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the catalog at ${path}: ${(error as Error).message}. Set CATALOG_PATH to a catalog JSON file.`);
  }
  const parsed = catalogFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`The catalog at ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const parsedEnvironment = environmentSchema.safeParse(process.env);
  if (!parsedEnvironment.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsedEnvironment.error)}`);
  }
  const environment = parsedEnvironment.data;
  const catalog = loadCatalog(environment.CATALOG_PATH);

  const emulator = await startEmulator({
    catalog,
    host: environment.EMULATOR_HOST,
    port: environment.EMULATOR_PORT,
    jobMs: environment.EMULATOR_JOB_MS,
    requestCapMs: environment.EMULATOR_REQUEST_CAP_MS,
    logger,
  });
  logger.info(
    { url: emulator.url, endpoints: catalog.endpoints.length, catalogPath: environment.CATALOG_PATH },
    `Modal emulator listening on ${emulator.url}`,
  );

  const stop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'Modal emulator stopping');
    void emulator.close().then(() => logger.info('Modal emulator stopped'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'Modal emulator failed to start');
  process.exitCode = 1;
});
