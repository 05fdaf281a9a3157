import type { DomainEvent } from '@/lib/events/domain-events';

/** What a live connection is to: whose it is, which conversation, in which class. */
export interface ConnectionSubject {
  userId: string;
  conversationId: string;
  classId: string;
}

type Scope = Partial<Record<keyof ConnectionSubject, string>>;

/**
 * Whether an access change reaches a connection (open, or still opening): every one of
 * `userId`, `conversationId` and `classId` that the event names matches the connection's.
 * So a removal (class and user) reaches that member's connections in the class, a lock or a
 * deletion (conversation) every connection to it, an archiving (class) every connection in
 * it; a new kind of event (a submitted workspace, a revoked session) reaches the right
 * connections by naming what it touches, with nothing to add here. The engine then decides
 * again, with the same check as for a new connection.
 */
export function accessChangeReaches(event: DomainEvent, subject: ConnectionSubject): boolean {
  const scope = event as Scope;
  // An event that names none of them is no access change of a connection's (it reaches none).
  if (scope.userId === undefined && scope.conversationId === undefined && scope.classId === undefined) return false;
  return (
    (scope.userId === undefined || scope.userId === subject.userId) &&
    (scope.conversationId === undefined || scope.conversationId === subject.conversationId) &&
    (scope.classId === undefined || scope.classId === subject.classId)
  );
}
