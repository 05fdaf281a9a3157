/**
 * The server side of the parent's measurements, shared by every server under test: it
 * answers `stats` requests over the IPC channel with the process's own CPU time, memory and
 * event-loop delay, and runs the server's graceful stop on `stop`, reporting the figures at
 * the end before it exits. The parent never measures a server from the outside except its
 * PostgreSQL traffic.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ChildStats {
  /** process.cpuUsage(), microseconds. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Largest event-loop delay since the last reset, milliseconds. */
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  /** Statements sent to PostgreSQL, and their bytea/text parameter bytes. */
  dbStatements: number;
  dbParameterBytes: number;
  /** Documents the server holds in memory, summed over a group's processes (0 once every one is unloaded); null when the server does not say. */
  openDocuments: number | null;
}

export type ParentRequest = { type: 'stats'; id: number; gc?: boolean; resetEventLoop?: boolean } | { type: 'stop'; id: number };
export type ChildReply = { type: 'ready'; port: number } | { type: 'stats'; id: number; stats: ChildStats } | { type: 'stopped'; id: number; stats: ChildStats };

// 10 ms: fine enough to see a 50 ms stall, coarse enough to cost little when idle.
const eventLoop = monitorEventLoopDelay({ resolution: 10 });
eventLoop.enable();
const databaseTraffic = { statements: 0, parameterBytes: 0 };

/** Counts statements and parameter bytes of node-postgres clients in this process. */
export function countDatabaseTraffic(pgModule: { Client: { prototype: { query: (...args: unknown[]) => unknown } } }): void {
  const prototype = pgModule.Client.prototype;
  const original = prototype.query;
  prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
    databaseTraffic.statements++;
    const values = args[1] ?? (typeof args[0] === 'object' && args[0] !== null ? (args[0] as { values?: unknown }).values : undefined);
    if (Array.isArray(values)) databaseTraffic.parameterBytes += parameterBytes(values);
    return original.apply(this, args);
  };
}

function parameterBytes(values: unknown[]): number {
  let bytes = 0;
  for (const value of values) {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) bytes += value.byteLength;
    else if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (Array.isArray(value)) bytes += parameterBytes(value);
  }
  return bytes;
}

function stats(openDocuments: () => number | null): ChildStats {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    eventLoopMaxMs: eventLoop.max / 1e6,
    eventLoopP99Ms: eventLoop.percentile(99) / 1e6,
    dbStatements: databaseTraffic.statements,
    dbParameterBytes: databaseTraffic.parameterBytes,
    openDocuments: openDocuments(),
  };
}

/** Tells the parent where the server listens, and serves its requests until `stop`. */
export function serveParent(port: number, stop: () => Promise<void>, openDocuments: () => number | null = () => null): void {
  const reply = (message: ChildReply) => process.send?.(message);
  process.on('message', (message: ParentRequest) => {
    if (message.type === 'stats') {
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      reply({ type: 'stats', id: message.id, stats: stats(openDocuments) });
      if (message.resetEventLoop) eventLoop.reset();
      return;
    }
    if (message.type === 'stop') {
      void stop()
        .catch((error: unknown) => process.stderr.write(`stop failed: ${String(error)}\n`))
        .finally(() => {
          reply({ type: 'stopped', id: message.id, stats: stats(openDocuments) });
          // Let the IPC message leave before exiting.
          setTimeout(() => process.exit(0), 50);
        });
    }
  });
  // The parent went away: do not linger.
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', port });
}
