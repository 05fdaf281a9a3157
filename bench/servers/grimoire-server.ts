/**
 * Our live-sync engine as it runs in production (`SyncServer` over a node-postgres pool
 * persisting to PostgreSQL, production limits), in a process of its own. Reads
 * DATABASE_URL and AUTH_SECRET, and REDIS_URL when it is one of several processes. Only the sync engine: Next.js is not loaded, so the
 * process's CPU and memory are the engine's.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { SyncServer } from '@/server/sync/sync-server';
import { countDatabaseTraffic, serveParent } from './child-runtime';

countDatabaseTraffic(pg as never);
// The production server's pool size (DATABASE_POOL_MAX default).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = new SyncServer({ pool, log: pino({ level: 'silent' }), redisUrl: process.env.REDIS_URL || undefined });
const http = createServer((_request, response) => response.writeHead(404).end());
http.on('upgrade', (request, socket, head) => void server.handleUpgrade(request, socket, head));
http.listen(0, '127.0.0.1', () => {
  serveParent((http.address() as AddressInfo).port, async () => {
    await server.shutdown();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await pool.end();
  }, () => server.openConversations);
});
