import type pg from 'pg';
import type { RelayStatus } from './sync/sync-server';

/** Why a process should get no new traffic now. Stable words, for a balancer's log and a person. */
export type UnreadyReason = 'shutting_down' | 'database_unreachable';

/**
 * What works less well than it should, without making the process unready: with its Redis
 * relay away, a process still serves its own clients and stores every edit (the rooms heal
 * when Redis is back), and while Redis is away every process is in the same state, so
 * taking them all out of a balancer would turn a Redis restart into an outage.
 */
export type DegradedReason = 'relay_disconnected';

export type Readiness = ({ ready: true } | { ready: false; reasons: UnreadyReason[] }) & { degraded?: DegradedReason[] };

export interface ReadinessSources {
  /** The server's pool: the one live sync writes through. */
  pool: pg.Pool;
  relayStatus(): RelayStatus;
  shuttingDown(): boolean;
  /** How long the database has to answer `select 1` (`limits.readiness.databaseTimeoutMs`). */
  databaseTimeoutMs: number;
}

/**
 * Whether this process should be sent new requests and connections: it is not shutting down
 * and its database answers a `select 1` within the timeout. In multi-process mode a Redis
 * relay that is away is said (`degraded`) but does not make it unready (`DegradedReason`).
 * While it shuts down the database is not asked (its last writes have the pool). Probes that
 * arrive together share one `select 1`, so a balancer probing often, or several, add one
 * query at a time at most.
 */
export function createReadinessCheck(sources: ReadinessSources): () => Promise<Readiness> {
  let probe: Promise<boolean> | undefined;
  const databaseAnswers = () => {
    probe ??= databaseAnswersWithin(sources.pool, sources.databaseTimeoutMs).finally(() => (probe = undefined));
    return probe;
  };

  return async () => {
    if (sources.shuttingDown()) return { ready: false, reasons: ['shutting_down'] };
    const answers = await databaseAnswers();
    const relay = sources.relayStatus();
    const degraded: { degraded?: DegradedReason[] } = relay.mode === 'redis' && !relay.connected ? { degraded: ['relay_disconnected'] } : {};
    return answers ? { ready: true, ...degraded } : { ready: false, reasons: ['database_unreachable'], ...degraded };
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
