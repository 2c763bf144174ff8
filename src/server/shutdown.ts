import type { Logger } from 'pino';

/**
 * Runs `close` once on the first SIGTERM or SIGINT, then exits with 0, or with 1 when closing
 * fails. A second signal while closing is ignored, so Ctrl-C twice does not cut the shutdown.
 */
export function stopOnSignals(logger: Logger, message: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, message);
    close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
