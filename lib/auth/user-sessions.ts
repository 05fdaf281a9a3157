import type pg from 'pg';
import { limits } from '@/lib/limits';

export interface SessionLimits {
  idleTimeoutMs: number;
  lifetimeMs: number;
  lastSeenWriteIntervalMs: number;
}

/** What the session checks need of a connection pool: one parameterised query. */
export type SessionDatabase = Pick<pg.Pool, 'query'>;

/** Whether a session still signs its user in; the WebSocket upgrade and the pages both ask. */
export interface SessionCheck {
  isActive(sessionId: string, userId: string): Promise<boolean>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SessionRow {
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/**
 * Server-side sessions (table `user_sessions`): one row per sign-in, its id carried in the
 * session cookie as `sid`. The cookie alone signs nobody in: a session is active while it is
 * not revoked, not past its lifetime and not idle past the idle timeout. Checking costs one
 * primary-key read; `lastSeenAt` is written at most once per `lastSeenWriteIntervalMs`.
 * `now` is the clock (tests pass their own).
 */
export class UserSessions implements SessionCheck {
  constructor(
    private readonly db: SessionDatabase,
    private readonly settings: SessionLimits = limits.sessions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a session for a user who just signed in; returns its id. Clears that user's ended ones. */
  async start(userId: string): Promise<string> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.settings.lifetimeMs);
    const idleSince = new Date(now.getTime() - this.settings.idleTimeoutMs);
    await this.db.query('delete from user_sessions where user_id = $1 and (revoked_at is not null or expires_at <= $2 or last_seen_at <= $3)', [
      userId,
      now,
      idleSince,
    ]);
    const result = await this.db.query<{ id: string }>(
      'insert into user_sessions (id, user_id, created_at, last_seen_at, expires_at) values (gen_random_uuid(), $1, $2, $2, $3) returning id',
      [userId, now, expiresAt],
    );
    const id = result.rows[0]?.id;
    if (!id) throw new Error('the session was not stored');
    return id;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    if (!uuidPattern.test(sessionId)) return false;
    const result = await this.db.query<SessionRow>('select user_id, last_seen_at, expires_at, revoked_at from user_sessions where id = $1', [sessionId]);
    const row = result.rows[0];
    if (!row || row.user_id !== userId || row.revoked_at) return false;
    const now = this.now().getTime();
    const lastSeen = new Date(row.last_seen_at).getTime();
    if (new Date(row.expires_at).getTime() <= now || lastSeen + this.settings.idleTimeoutMs <= now) return false;
    if (now - lastSeen >= this.settings.lastSeenWriteIntervalMs) {
      await this.db.query('update user_sessions set last_seen_at = $2 where id = $1 and last_seen_at < $2 and revoked_at is null', [sessionId, new Date(now)]);
    }
    return true;
  }

  /**
   * Which of these sessions are still active, in one query: for open live connections,
   * checked again now and then (a session that ended by sign-out elsewhere, idleness or its
   * lifetime closes them). Those in `used` (their connection sent an edit since the last
   * check) count as activity, as a page load does: `lastSeenAt` moves, at most once per
   * `lastSeenWriteIntervalMs`.
   */
  async activeAmong(sessionIds: string[], used: ReadonlySet<string>): Promise<Set<string>> {
    const ids = sessionIds.filter((id) => uuidPattern.test(id));
    if (ids.length === 0) return new Set();
    const now = this.now();
    const result = await this.db.query<{ id: string; last_seen_at: Date }>(
      `select id, last_seen_at from user_sessions
        where id = any($1::uuid[]) and revoked_at is null and expires_at > $2 and last_seen_at > $3`,
      [ids, now, new Date(now.getTime() - this.settings.idleTimeoutMs)],
    );
    const touch = result.rows
      .filter((row) => used.has(row.id) && now.getTime() - new Date(row.last_seen_at).getTime() >= this.settings.lastSeenWriteIntervalMs)
      .map((row) => row.id);
    if (touch.length > 0) {
      await this.db.query('update user_sessions set last_seen_at = $2 where id = any($1::uuid[]) and last_seen_at < $2 and revoked_at is null', [touch, now]);
    }
    return new Set(result.rows.map((row) => row.id));
  }

  /** Signing out everywhere: every active session of the user ends; returns their ids. */
  async revokeAllOf(userId: string): Promise<string[]> {
    const result = await this.db.query<{ id: string }>('update user_sessions set revoked_at = $2 where user_id = $1 and revoked_at is null returning id', [
      userId,
      this.now(),
    ]);
    return result.rows.map((row) => row.id);
  }

  /** Signing out: the session authenticates nothing from now on, wherever its cookie is. */
  async revoke(sessionId: string): Promise<void> {
    if (!uuidPattern.test(sessionId)) return;
    await this.db.query('update user_sessions set revoked_at = $2 where id = $1 and revoked_at is null', [sessionId, this.now()]);
  }
}
