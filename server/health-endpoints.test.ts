import { createServer, type Server } from 'node:http';
import net from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect } from 'vitest';
import { test } from '@/lib/testing/test-database';
import { createHealthEndpoints } from './health-endpoints';
import { createReadinessCheck } from './readiness';
import { startTestRedis } from './sync/testing/redis-server';
import { poolOf } from './sync/testing/sync-harness';
import { SyncServer } from './sync/sync-server';

const cleanups: Array<() => Promise<unknown> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Served {
  base: string;
  /** What the app server's shutdown sets first. */
  startShuttingDown(): void;
}

/**
 * The probes served as the app server serves them (before anything else; here, a 404 stands
 * for Next.js), over a real sync engine and its pool.
 */
async function serveProbes(pool: pg.Pool, options: { redisUrl?: string } = {}): Promise<Served & { sync: SyncServer }> {
  const sync = new SyncServer({ pool, log: pino({ level: 'silent' }), redisUrl: options.redisUrl });
  cleanups.push(() => sync.shutdown());
  let shuttingDown = false;
  const serveHealth = createHealthEndpoints(createReadinessCheck({ pool, relayStatus: () => sync.relayStatus(), shuttingDown: () => shuttingDown, databaseTimeoutMs: 1_000 }));
  const server: Server = createServer((request, response) => {
    if (!serveHealth(request, response)) response.writeHead(404).end('next');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { base: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, sync, startShuttingDown: () => (shuttingDown = true) };
}

async function probe(url: string, method = 'GET'): Promise<{ status: number; body: string; contentType: string | null; cacheControl: string | null }> {
  const response = await fetch(url, { method });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control') };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('/livez and /readyz', () => {
  test('one process over a real database: both 200, JSON, never cached', async ({ db }) => {
    const { base } = await serveProbes(await poolOf(db));
    expect(await probe(`${base}/livez`)).toEqual({ status: 200, body: '{"status":"ok"}', contentType: 'application/json', cacheControl: 'no-store' });
    expect(await probe(`${base}/readyz`)).toEqual({ status: 200, body: '{"status":"ready"}', contentType: 'application/json', cacheControl: 'no-store' });
    // A query string (a balancer's cache-buster) is the same probe.
    expect((await probe(`${base}/readyz?probe=1`)).status).toBe(200);
  });

  test('shutting down: /readyz 503 with the reason, /livez still 200', async ({ db }) => {
    const served = await serveProbes(await poolOf(db));
    served.startShuttingDown();
    const ready = await probe(`${served.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'unready', reasons: ['shutting_down'] });
    expect((await probe(`${served.base}/livez`)).status).toBe(200);
  });

  test('a pool to a closed port: /readyz 503 database_unreachable, /livez 200 (an outage restarts nothing)', async () => {
    const pool = new pg.Pool({ connectionString: `postgres://nobody@127.0.0.1:${await closedPort()}/grimoire`, max: 2 });
    pool.on('error', () => undefined);
    cleanups.push(() => pool.end());
    const { base } = await serveProbes(pool);
    const ready = await probe(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'unready', reasons: ['database_unreachable'] });
    expect((await probe(`${base}/livez`)).status).toBe(200);
  });

  test('with REDIS_URL: ready once the relay is connected, still ready but degraded (relay_disconnected) while Redis is down, plainly ready again after', { timeout: 60_000 }, async ({ db }) => {
    const redis = await startTestRedis({ own: true });
    cleanups.push(() => redis.stop());
    const { base, sync } = await serveProbes(await poolOf(db), { redisUrl: redis.url });
    await sync.relay?.ready();
    expect(sync.relayStatus()).toEqual({ mode: 'redis', connected: true });
    expect((await probe(`${base}/readyz`)).status).toBe(200);

    await redis.restart(async () => {
      await expect.poll(async () => (await probe(`${base}/readyz`)).body, { timeout: 10_000 }).toBe('{"status":"ready","degraded":["relay_disconnected"]}');
      expect((await probe(`${base}/readyz`)).status).toBe(200);
      expect((await probe(`${base}/livez`)).status).toBe(200);
    });
    await expect.poll(async () => (await probe(`${base}/readyz`)).body, { timeout: 15_000 }).toBe('{"status":"ready"}');
  });

  test('HEAD answers the status without a body; other methods and paths are left to Next.js', async ({ db }) => {
    const served = await serveProbes(await poolOf(db));
    expect(await probe(`${served.base}/livez`, 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect(await probe(`${served.base}/readyz`, 'HEAD')).toMatchObject({ status: 200, body: '' });
    served.startShuttingDown();
    expect(await probe(`${served.base}/readyz`, 'HEAD')).toMatchObject({ status: 503, body: '' });
    for (const [method, path] of [['POST', '/readyz'], ['DELETE', '/livez'], ['GET', '/readyz/extra'], ['GET', '/livez.json'], ['GET', '/api/health']]) {
      expect(await probe(`${served.base}${path}`, method), `${method} ${path}`).toMatchObject({ status: 404, body: 'next' });
    }
  });
});
