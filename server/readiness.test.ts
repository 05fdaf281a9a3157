import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { createReadinessCheck, type ReadinessSources } from './readiness';

const cleanups: Array<() => Promise<void> | void> = [];
const hangUps: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const hangUp of hangUps.splice(0)) await hangUp();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function poolFor(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  return pool;
}

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A server that takes connections and never says a word: a database hung, or a network black
 * hole. Its hang-up runs before the pool's end (which waits for the client still connecting).
 */
async function silentPort(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hangUps.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as net.AddressInfo).port;
}

/** The pool, counting the queries sent through it. */
function countingQueries(pool: pg.Pool): { counted: pg.Pool; queries: () => number } {
  let count = 0;
  const query = (...args: Parameters<pg.Pool['query']>) => {
    count++;
    return (pool.query as (...a: unknown[]) => unknown).apply(pool, args);
  };
  const counted = new Proxy(pool, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
  return { counted, queries: () => count };
}

function check(overrides: Partial<ReadinessSources> & Pick<ReadinessSources, 'pool'>) {
  return createReadinessCheck({ relayStatus: () => ({ mode: 'single' }), shuttingDown: () => false, databaseTimeoutMs: 1_000, ...overrides });
}

describe('createReadinessCheck', () => {
  test('ready over a real PostgreSQL, one process', async () => {
    const ready = check({ pool: poolFor(inject('testDatabaseServerUrl')) });
    expect(await ready()).toEqual({ ready: true });
  });

  test('a database that refuses connections is unready', async () => {
    const ready = check({ pool: poolFor(`postgres://nobody@127.0.0.1:${await closedPort()}/grimoire`) });
    expect(await ready()).toEqual({ ready: false, reasons: ['database_unreachable'] });
  });

  test('a database that never answers is unready once the timeout passes, not later', async () => {
    const ready = check({ pool: poolFor(`postgres://nobody@127.0.0.1:${await silentPort()}/grimoire`), databaseTimeoutMs: 300 });
    const started = performance.now();
    expect(await ready()).toEqual({ ready: false, reasons: ['database_unreachable'] });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
  });

  test('in multi-process mode a relay that is away is said, without making the process unready', async () => {
    let connected = false;
    const realDatabase = check({ pool: poolFor(inject('testDatabaseServerUrl')), relayStatus: () => ({ mode: 'redis', connected }) });
    expect(await realDatabase()).toEqual({ ready: true, degraded: ['relay_disconnected'] });
    connected = true;
    expect(await realDatabase()).toEqual({ ready: true });

    const noDatabase = check({ pool: poolFor(`postgres://nobody@127.0.0.1:${await closedPort()}/grimoire`), relayStatus: () => ({ mode: 'redis', connected: false }) });
    expect(await noDatabase()).toEqual({ ready: false, reasons: ['database_unreachable'], degraded: ['relay_disconnected'] });
  });

  test('shutting down is unready, and leaves the pool to the last writes', async () => {
    const pool = poolFor(inject('testDatabaseServerUrl'));
    const { counted, queries } = countingQueries(pool);
    let shuttingDown = false;
    const ready = check({ pool: counted, shuttingDown: () => shuttingDown });
    expect(await ready()).toEqual({ ready: true });
    expect(queries()).toBe(1);
    shuttingDown = true;
    expect(await ready()).toEqual({ ready: false, reasons: ['shutting_down'] });
    expect(queries()).toBe(1);
  });

  test('probes that arrive together share one select 1', async () => {
    const pool = poolFor(inject('testDatabaseServerUrl'));
    const { counted, queries } = countingQueries(pool);
    const ready = check({ pool: counted });
    const answers = await Promise.all(Array.from({ length: 20 }, () => ready()));
    expect(answers.every((answer) => answer.ready)).toBe(true);
    expect(queries()).toBe(1);
    // The next probe asks again: a shared answer is never kept.
    await ready();
    expect(queries()).toBe(2);
  });
});
