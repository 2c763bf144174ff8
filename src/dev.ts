/**
 * Entry point of `npm run dev`: starts the Modal emulator and a gateway wired to it, so a
 * frontend engineer can work without Modal. A development tool only; it never calls Modal.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCatalog } from './catalog/catalog.js';
import { readConfig } from './config/config.js';
import { startEmulator } from './emulator/index.js';
import { ConfigError } from './errors/config-error.js';
import { createLogger, startGateway } from './gateway.js';
import { stopOnSignals } from './server/shutdown.js';

const DEV_CLIENT_KEY = 'dev-client-key-change-me-0001';
const DEV_INTERNAL_KEY = 'dev-internal-key-change-me-0001';

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const sharedWorkflows = path.resolve(root, '../shared/runcomfy/workflows');
  const sharedCatalog = path.resolve(root, '../shared/runcomfy/runcomfy-workflow-catalog.json');

  const catalog = loadCatalog(process.env.CATALOG_PATH);
  const emulator = await startEmulator({
    catalog: catalog.file,
    port: Number(process.env.EMULATOR_PORT ?? 0),
    jobMs: Number(process.env.EMULATOR_JOB_MS ?? 1500),
    requestCapMs: Number(process.env.EMULATOR_REQUEST_CAP_MS ?? 1000),
  });

  const env: NodeJS.ProcessEnv = {
    GATEWAY_API_KEYS: `client:${DEV_CLIENT_KEY},internal:${DEV_INTERNAL_KEY}`,
    DATA_DIR: 'data/dev',
    ...(existsSync(sharedWorkflows) ? { WORKFLOWS_DIR: sharedWorkflows } : {}),
    ...(existsSync(sharedCatalog) ? { WORKFLOWS_CATALOG_PATH: sharedCatalog } : {}),
    ...process.env,
    MODAL_ORIGIN_OVERRIDE: emulator.url,
  };
  const config = readConfig(env);
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway({ config, catalog, logger });

  const keys = config.apiKeys.map((entry) => `  ${entry.role.padEnd(8)} ${entry.key}`).join('\n');
  process.stdout.write(
    `\nDevelopment gateway: ${gateway.url}/graphql (Modal emulator at ${emulator.url})\nAPI keys:\n${keys}\n\n`,
  );

  stopOnSignals(logger, 'stopping the development gateway and the emulator', async () => {
    await gateway.close();
    await emulator.close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartError(error)}\n`);
  process.exit(1);
});

function describeStartError(error: unknown): string {
  if (error instanceof ConfigError) {
    return error.message;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
