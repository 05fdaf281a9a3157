/**
 * A live-sync server in a process of its own, for tests that kill it (SIGKILL) to check
 * what survives, and for multi-process tests (REDIS_URL). Reads DATABASE_URL, AUTH_SECRET
 * and REDIS_URL; prints `READY <port>` once listening (and connected to Redis, if asked).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { SyncServer } from '@/server/sync/sync-server';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const server = new SyncServer({ pool, log: pino({ level: 'silent' }), redisUrl: process.env.REDIS_URL || undefined });
await server.relay?.ready();
const http = createServer((_request, response) => response.writeHead(404).end());
http.on('upgrade', (request, socket, head) => void server.handleUpgrade(request, socket, head));
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY ${(http.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  void server.shutdown().finally(() => process.exit(0));
});
