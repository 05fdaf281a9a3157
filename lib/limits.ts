/**
 * The product's limits, each with the reason for its number. Operational settings that an
 * operator may change come from the environment (`lib/config.ts`); these are not meant to.
 */
export const limits = {
  joinAttempts: {
    /**
     * Failed invite-code attempts per signed-in user per window. Ten covers every honest typo;
     * at ten guesses per quarter hour, finding one of a school's live codes among 31^8 takes
     * ages.
     */
    perUser: { points: 10, windowSeconds: 15 * 60 },
    /**
     * Failed attempts per IP address per window. A whole classroom shares one NAT address, so
     * this is six times the per-user allowance; it stops one machine guessing with many accounts.
     */
    perAddress: { points: 60, windowSeconds: 15 * 60 },
  },
  sync: {
    /**
     * Largest WebSocket message accepted. Pasting a whole long chat into the editor makes
     * one update of a few MB; 8 MiB leaves room without letting one client pin much memory.
     */
    maxMessageBytes: 8 * 1024 * 1024,
    /**
     * Connections to one conversation. A lecture of 300 following the instructor fits with
     * room for their second tabs; past this, one document's fan-out would starve the others.
     */
    maxConnectionsPerDocument: 500,
    /**
     * New connections per IP address: a bucket of 120 refilled at 2 per second. A class of 30
     * behind one NAT address opening several conversations fits; a reconnect storm does not.
     */
    newConnectionsPerAddress: { burst: 120, refillPerSecond: 2 },
    /** Ping interval; a connection that has not answered the previous ping is dropped. */
    keepAliveIntervalMs: 30_000,
    /** Most updates in one log INSERT: keeps a statement under a few MB after an outage. */
    maxBatchUpdates: 2_000,
    /** Backoff for log writes while the database is unreachable: 100 ms doubling to 5 s. */
    retryDelayMs: { initial: 100, max: 5_000 },
    /** Compact a document once this many log rows have piled up since its last compaction... */
    compactAfterLogRows: 500,
    /** ...or this long after its last edit, whichever comes first. */
    compactAfterIdleMs: 10_000,
    /** How long an empty document stays loaded, so a page reload does not reload it from disk. */
    unloadAfterMs: 2_000,
  },
} as const;

/** A limits section with its numbers widened, for tests and callers that override them. */
type Widen<T> = T extends number ? number : T extends object ? { -readonly [K in keyof T]: Widen<T[K]> } : T;
export type SyncLimits = Widen<typeof limits.sync>;
export type JoinAttemptLimits = Widen<typeof limits.joinAttempts>;
