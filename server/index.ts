/**
 * Runs the Grimoire server process until SIGTERM or SIGINT. Entry points: `server/dev.ts`
 * (`npm run dev`, hot reload) and `server/start.ts` (`npm start`, production build).
 */
import { AuthSettingsError } from '@/lib/auth/auth-settings';
import { ConfigError } from '@/lib/config';
import { DatabaseUnreachableError } from '@/lib/db/connection-check';
import { DatabaseUrlError } from '@/lib/db/database-url';
import { EmbeddedPostgresError } from '@/lib/db/embedded-postgres';
import { logger } from '@/lib/log';
import { PortInUseError, startAppServer, type RunningServer } from './app-server';
import { handleShutdownSignals } from './shutdown-signals';

const knownStartupErrors = [AuthSettingsError, ConfigError, DatabaseUrlError, DatabaseUnreachableError, EmbeddedPostgresError, PortInUseError];

/**
 * Starts the server and stops it in order on the first SIGTERM or SIGINT (signals relayed
 * together by npm or a loader count as one), exiting 0 once everything is stored and closed.
 * A signal during start-up stops the server as soon as it is up. A deliberate second signal,
 * a second or more after the first, exits at once with 1 (the embedded PostgreSQL is still
 * told to stop, see `lib/db/embedded-postgres.ts`).
 */
export async function runServer(options: { dev: boolean }): Promise<void> {
  let running: RunningServer | undefined;
  let stopRequested = false;
  const stop = (server: RunningServer) => {
    server.shutdown().then(
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
  handleShutdownSignals({
    shutdown(signal) {
      stopRequested = true;
      logger.info({ signal }, running ? 'shutting down' : 'shutting down once start-up has finished');
      if (running) stop(running);
    },
    relayed(signal) {
      logger.debug({ signal }, 'the same shutdown signal again (relayed by npm or a loader): already shutting down');
    },
    force(signal) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    },
  });

  try {
    running = await startAppServer(options);
  } catch (error) {
    const known = knownStartupErrors.some((type) => error instanceof type);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Grimoire could not start: ${known ? message : `${message} (unexpected; see the log above)`}\n`);
    if (!known) logger.error({ err: error }, 'start-up failed');
    process.exit(1);
  }
  if (stopRequested) {
    stop(running);
    return;
  }
  logger.info({ url: running.url }, `Grimoire is running at ${running.url}`);
}
