/**
 * Entry point of `npm start`: reads the configuration, starts the gateway and stops it cleanly
 * on SIGTERM or SIGINT.
 */
import { readConfig } from './config/config.js';
import { ConfigError } from './errors/config-error.js';
import { createLogger, startGateway } from './gateway.js';
import { stopOnSignals } from './server/shutdown.js';
import { describeConfig } from './config/describe.js';
import { StoreError } from './store/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }

  const logger = createLogger(config.logLevel);
  logger.info({ config: describeConfig(config) }, 'configuration loaded');

  let gateway;
  try {
    gateway = await startGateway({ config, logger });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${config.port} on ${config.host} is already in use. Stop the other server, or set PORT to a free port.\n`);
      process.exit(78);
    }
    throw error;
  }

  if (config.generatedKeys) {
    // Printed once to the terminal, never to the log: these keys exist only for this run.
    const lines = config.apiKeys.map((entry) => `  ${entry.role.padEnd(8)} ${entry.key}`);
    process.stdout.write(
      `\nNo GATEWAY_API_KEYS set, so these keys were generated for this run only:\n${lines.join('\n')}\n` +
        `Send one as "Authorization: Bearer <key>" to ${gateway.url}/graphql\n\n`,
    );
  }

  stopOnSignals(logger, 'stopping: no new work is accepted; accepted generations stay resumable', () => gateway.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`The gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
