import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { readSession, type SessionOfRequest } from '@/lib/auth/session-token';
import type { UserSessions } from '@/lib/auth/user-sessions';
import { limits } from '@/lib/limits';
import type { ConversationRoom } from './conversation-room';
import { closeCodes, type SyncConnection } from './sync-connection';
import type { SyncMetrics } from './sync-metrics';

/**
 * The sessions of the sync server's connections: a connection opens only with an active
 * server-side session (a signed-out or expired session's cookie opens nothing); a sign-out
 * closes that session's open connections (`4401`) and refuses one still opening; and each open
 * connection's session is checked again once per keep-alive interval (`check`).
 */
export class SessionWatch {
  /** The session each open socket was opened with, so signing out closes that session's sockets. */
  private readonly sessionOfSocket = new WeakMap<WebSocket, string>();
  /** Sessions signed out lately, with when: a connection still opening with one of them is refused. */
  private readonly signedOutSessions = new Map<string, number>();

  constructor(
    private readonly sessions: UserSessions,
    /** The open rooms, whose connections a sign-out closes. */
    private readonly rooms: () => Iterable<ConversationRoom>,
    private readonly metrics: SyncMetrics,
    private readonly log: Logger,
  ) {}

  /** The active session a request's cookie names, or null (no cookie, a bad one, an ended session). */
  read(cookieHeader: string | undefined): Promise<SessionOfRequest | null> {
    return readSession(cookieHeader, this.sessions);
  }

  /** A socket opened with this session: a sign-out of it closes the socket. */
  watch(socket: WebSocket, sessionId: string): void {
    this.sessionOfSocket.set(socket, sessionId);
  }

  /** Whether this session was signed out lately (a connection opening with it is refused). */
  signedOutLately(sessionId: string): boolean {
    return this.signedOutSessions.has(sessionId);
  }

  /**
   * A sign-out: that session's open connections close (`4401`, the page stops syncing), and
   * one still opening is refused before it joins (kept for `keepSignedOutSessionsMs`, longer than any opening).
   */
  signedOut(sessionId: string): void {
    const now = Date.now();
    for (const [ended, at] of this.signedOutSessions) if (now - at > limits.sync.keepSignedOutSessionsMs) this.signedOutSessions.delete(ended);
    this.signedOutSessions.set(sessionId, now);
    for (const room of this.rooms()) {
      for (const connection of room.connections) {
        if (this.sessionOfSocket.get(connection.socket) === sessionId) connection.close(closeCodes.signedOut, 'You signed out.');
      }
    }
  }

  /**
   * The sessions of a slice of open connections, checked again (one query per slice, so each
   * connection once per keep-alive interval): a connection whose session ended since it
   * opened (signed out in another process, idle past the timeout, past its lifetime) closes
   * with `4401`. An edit sent meanwhile counts as activity. A database that does not answer
   * closes nothing: the next round asks again.
   */
  async check(connections: SyncConnection[]): Promise<void> {
    const sessionOf = new Map<SyncConnection, string>();
    const used = new Set<string>();
    for (const connection of connections) {
      const sessionId = this.sessionOfSocket.get(connection.socket);
      if (!sessionId) continue;
      sessionOf.set(connection, sessionId);
      if (connection.editedSinceSessionCheck) used.add(sessionId);
      connection.editedSinceSessionCheck = false;
    }
    if (sessionOf.size === 0) return;
    let active: Set<string>;
    try {
      active = await this.sessions.activeAmong([...new Set(sessionOf.values())], used);
    } catch (error) {
      this.log.warn({ err: error }, 'could not check the sessions of open connections; will ask again');
      return;
    }
    for (const [connection, sessionId] of sessionOf) {
      const ended = !active.has(sessionId);
      this.metrics.sessionChecks.inc({ outcome: ended ? 'ended' : 'active' });
      if (ended) connection.close(closeCodes.signedOut, 'Your session ended; sign in again.');
    }
  }
}
