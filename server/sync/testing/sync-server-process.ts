/**
 * A live-sync server in a process of its own, for tests that kill it (SIGKILL) to check
 * what survives. Reads DATABASE_URL and AUTH_SECRET; prints `READY <port>` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { SyncServer } from '@/server/sync/sync-server';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const server = new SyncServer({ pool, log: pino({ level: 'silent' }) });
const http = createServer((_request, response) => response.writeHead(404).end());
http.on('upgrade', (request, socket, head) => void server.handleUpgrade(request, socket, head));
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY ${(http.address() as AddressInfo).port}\n`);
});
