import { publishDomainEvent } from '@/lib/events/domain-events';
import type { UserSessions } from './user-sessions';

/**
 * Ends every session of a user (a laptop left signed in somewhere, a cookie that may have
 * leaked): each authenticates nothing from now on, and its open live connections close.
 * Returns how many sessions ended.
 */
export async function signOutEverywhere(sessions: UserSessions, userId: string): Promise<number> {
  const ended = await sessions.revokeAllOf(userId);
  for (const sessionId of ended) publishDomainEvent({ type: 'session.signed-out', userId, sessionId });
  return ended.length;
}
