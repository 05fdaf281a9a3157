import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { MikroORM, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import next from 'next';
import { loadServerConfig, type ServerConfig } from '@/lib/config';
import { assertDatabaseReachable } from '@/lib/db/connection-check';
import { openDatabaseServer, type DatabaseServer } from '@/lib/db/database-server';
import { applyPendingMigrations } from '@/lib/db/migrations';
import { withMigrations } from '@/lib/db/migration-options';
import { ormOptions } from '@/lib/db/orm-options';
import { purgeTrash } from '@/lib/conversations/purge-trash';
import { stampClientAddress } from '@/lib/http/client-address';
import { limits } from '@/lib/limits';
import { logger } from '@/lib/log';
import { closeRegisteredResources } from '@/lib/process-lifecycle';
import { projectRoot } from '@/lib/project-paths';
import { prepareAuthEnvironment } from './prepare-auth-environment';
import { drainHttpServer, trackUpgradedSockets } from './graceful-shutdown';
import { createHealthEndpoints } from './health-endpoints';
import { createMetricsEndpoint } from './metrics-endpoint';
import { createReadinessCheck } from './readiness';
import { SyncServer } from './sync/sync-server';
import { scheduleTrashPurge } from './trash-purge-schedule';
import { createUpgradeRouter } from './upgrade-router';
import { allowedBrowserOrigins } from './allowed-origins';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops everything in order; resolves when the process may exit. */
  shutdown(): Promise<void>;
}

/**
 * Starts the whole application: database (embedded or external), migrations, Next.js and
 * the HTTP server with WebSocket upgrades. Resources opened before a failure are released
 * before the error propagates.
 */
export async function startAppServer(options: { dev: boolean; config?: ServerConfig }): Promise<RunningServer> {
  const config = options.config ?? loadServerConfig();
  const opened: Array<() => Promise<void>> = [];
  const releaseOpened = async () => {
    for (const release of opened.reverse()) await release().catch((error: unknown) => logger.error({ err: error }, 'release failed'));
  };

  try {
    const database: DatabaseServer = await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDirectory: config.GRIMOIRE_DATA_DIR });
    opened.push(() => database.stop());
    prepareAuthEnvironment({ production: !options.dev, port: config.PORT, host: config.HOST, dataDirectory: config.GRIMOIRE_DATA_DIR });
    await assertDatabaseReachable(database.url);
    logger.info({ embedded: database.embedded }, 'database ready');

    const orm = await MikroORM.init(withMigrations(ormOptions({ databaseUrl: database.url, poolMax: config.DATABASE_POOL_MAX })));
    opened.push(() => orm.close());
    const applied = await applyPendingMigrations(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    // Conversations in the trash longer than its retention go for good: now, then every hour.
    const trashPurge = scheduleTrashPurge(() => purgeTrash(orm.em.fork()), { intervalMs: limits.trash.purgeIntervalMs, log: logger.child({ component: 'trash' }) });
    opened.push(() => trashPurge.stop());

    // The pages' code runs in Next's bundle with its own module instances: it finds the
    // database through the environment, as an operator's DATABASE_URL would be found.
    process.env.DATABASE_URL = database.url;
    process.env.DATABASE_POOL_MAX = String(config.DATABASE_POOL_MAX);

    const nextApp = next({ dev: options.dev, dir: projectRoot, hostname: config.HOST, port: config.PORT });
    await nextApp.prepare();
    opened.push(() => nextApp.close());
    const handleRequest = nextApp.getRequestHandler();
    const handleNextUpgrade = nextApp.getUpgradeHandler();

    const pool = (await (orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
    // With REDIS_URL, one of several processes relaying live conversations through Redis; without, the only one.
    const syncServer = new SyncServer({ pool, log: logger.child({ component: 'sync' }), allowedOrigins: allowedBrowserOrigins, redisUrl: config.REDIS_URL });
    opened.push(async () => void (await syncServer.shutdown(config.SHUTDOWN_TIMEOUT_MS)));
    const serveMetrics = createMetricsEndpoint({ token: config.METRICS_TOKEN }, syncServer.metrics.registry);
    let shuttingDown = false;
    const serveHealth = createHealthEndpoints(
      createReadinessCheck({ pool, relayStatus: () => syncServer.relayStatus(), shuttingDown: () => shuttingDown, databaseTimeoutMs: limits.readiness.databaseTimeoutMs }),
    );

    const upgradedSockets = trackUpgradedSockets();
    const routeUpgrade = createUpgradeRouter({
      sync: (request, socket, head) => syncServer.handleUpgrade(request, socket, head),
      next: handleNextUpgrade,
    });

    const trustProxy = config.TRUST_PROXY === '1';
    const httpServer: Server = createServer((request, response) => {
      stampClientAddress(request, trustProxy);
      if (serveHealth(request, response) || serveMetrics(request, response)) return;
      handleRequest(request, response).catch((error: unknown) => {
        logger.error({ err: error }, 'request failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side.' } }));
      });
    });
    httpServer.on('upgrade', (request, socket, head) => {
      stampClientAddress(request, trustProxy);
      upgradedSockets.add(socket as Socket);
      Promise.resolve(routeUpgrade(request, socket, head)).catch((error: unknown) => {
        logger.error({ err: error }, 'upgrade failed');
        socket.destroy();
      });
    });
    const port = await listen(httpServer, config.PORT, config.HOST);
    opened.push(() => drainHttpServer(httpServer, config.SHUTDOWN_TIMEOUT_MS, logger));

    const shutdown = async () => {
      // From here /readyz answers 503, so a balancer stops sending people here while rooms are stored.
      shuttingDown = true;
      await trashPurge.stop();
      const unsaved = await syncServer.shutdown(config.SHUTDOWN_TIMEOUT_MS);
      if (unsaved.length > 0) logger.error({ documents: unsaved.length }, 'some live documents could not be stored before shutdown');
      upgradedSockets.destroyAll();
      await drainHttpServer(httpServer, config.SHUTDOWN_TIMEOUT_MS, logger);
      for (const error of await closeRegisteredResources()) logger.error({ err: error }, 'closing a resource failed');
      await nextApp.close().catch(() => undefined);
      await orm.close();
      await database.stop();
    };
    const displayHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    return { url: `http://${displayHost}:${port}`, port, shutdown };
  } catch (error) {
    await releaseOpened();
    throw error;
  }
}

export class PortInUseError extends Error {}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(`Port ${port} is already in use on ${host}: stop the other server or set PORT to a free port.`));
      } else if (error.code === 'EACCES') {
        reject(new PortInUseError(`Not allowed to listen on port ${port}: choose a port above 1024 with PORT.`));
      } else {
        reject(error);
      }
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
