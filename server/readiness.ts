import type pg from 'pg';
import type { RelayStatus } from './sync/sync-server';

/** Why a process should get no new traffic now. Stable words, for a balancer's log and a person. */
export type UnreadyReason = 'shutting_down' | 'database_unreachable' | 'relay_disconnected';

export type Readiness = { ready: true } | { ready: false; reasons: UnreadyReason[] };

export interface ReadinessSources {
  /** The server's pool: the one live sync writes through. */
  pool: pg.Pool;
  relayStatus(): RelayStatus;
  shuttingDown(): boolean;
  /** How long the database has to answer `select 1` (`limits.readiness.databaseTimeoutMs`). */
  databaseTimeoutMs: number;
}

/**
 * Whether this process should be sent new requests and connections: it is not shutting down,
 * its database answers a `select 1` within the timeout, and in multi-process mode its Redis
 * relay is connected. While it shuts down the database is not asked (its last writes have the
 * pool). Probes that arrive together share one `select 1`, so a balancer probing often, or
 * several, add one query at a time at most.
 */
export function createReadinessCheck(sources: ReadinessSources): () => Promise<Readiness> {
  let probe: Promise<boolean> | undefined;
  const databaseAnswers = () => {
    probe ??= databaseAnswersWithin(sources.pool, sources.databaseTimeoutMs).finally(() => (probe = undefined));
    return probe;
  };

  return async () => {
    if (sources.shuttingDown()) return { ready: false, reasons: ['shutting_down'] };
    const reasons: UnreadyReason[] = [];
    if (!(await databaseAnswers())) reasons.push('database_unreachable');
    const relay = sources.relayStatus();
    if (relay.mode === 'redis' && !relay.connected) reasons.push('relay_disconnected');
    return reasons.length === 0 ? { ready: true } : { ready: false, reasons };
  };
}

/**
 * `select 1` within `timeoutMs`, waiting for a pooled connection included. The query's own
 * read timeout makes the pool discard a connection that never answers, rather than keep it.
 */
async function databaseAnswersWithin(pool: pg.Pool, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const answered = pool
    .query({ text: 'select 1', query_timeout: timeoutMs } as pg.QueryConfig)
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
