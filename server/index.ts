/**
 * Runs the Grimoire server process until SIGTERM or SIGINT. Entry points: `server/dev.ts`
 * (`npm run dev`, hot reload) and `server/start.ts` (`npm start`, production build).
 */
import { AuthSettingsError } from '../lib/auth/auth-settings';
import { ConfigError } from '../lib/config';
import { DatabaseUnreachableError } from '../lib/db/connection-check';
import { DatabaseUrlError } from '../lib/db/database-url';
import { EmbeddedPostgresError } from '../lib/db/embedded-postgres';
import { logger } from '../lib/log';
import { PortInUseError, startAppServer } from './app-server';

const knownStartupErrors = [AuthSettingsError, ConfigError, DatabaseUrlError, DatabaseUnreachableError, EmbeddedPostgresError, PortInUseError];

export async function runServer(options: { dev: boolean }): Promise<void> {
  let running;
  try {
    running = await startAppServer(options);
  } catch (error) {
    const known = knownStartupErrors.some((type) => error instanceof type);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Grimoire could not start: ${known ? message : `${message} (unexpected; see the log above)`}\n`);
    if (!known) logger.error({ err: error }, 'start-up failed');
    process.exit(1);
  }
  logger.info({ url: running.url }, `Grimoire is running at ${running.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.shutdown().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
