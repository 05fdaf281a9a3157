import { EventEmitter } from 'node:events';

/**
 * Things that happened which other parts of the process react to (the live-sync engine
 * decides again the access of the connections they reach). One emitter per process, on
 * `globalThis`, because the pages' bundle and the custom server have separate module instances.
 * Each event names what it touches with `userId`, `conversationId` and `classId`: a live
 * connection is reached when every one it names matches (`server/sync/access-change-scope.ts`),
 * so a new kind of access change (a submitted workspace) needs no change in the engine.
 */
export type DomainEvent =
  | { type: 'membership.removed'; classId: string; userId: string }
  | { type: 'membership.role-changed'; classId: string; userId: string }
  | { type: 'class.archived-changed'; classId: string }
  | { type: 'conversation.locked-changed'; conversationId: string }
  | { type: 'conversation.deleted'; conversationId: string }
  /** Who may see or write it changed otherwise: a workspace submitted, returned or unsubmitted, shared or not, its tags locked or opened. */
  | { type: 'conversation.access-changed'; conversationId: string }
  /** An activity was published or unpublished, or its opening moved: who may see its conversations changed, class-wide. */
  | { type: 'activity.visibility-changed'; classId: string }
  /** The class's tag vocabulary was locked or opened: its class conversations' tag rights changed (`setVocabularyLocked`). */
  | { type: 'class.tags-locked-changed'; classId: string }
  /** A signed-out session: the engine closes that session's connections (`4401`), not the person's others. */
  | { type: 'session.signed-out'; userId: string; sessionId: string };

const emitterKey = Symbol.for('grimoire.domain-events');
type WithEmitter = typeof globalThis & { [emitterKey]?: EventEmitter };

function emitter(): EventEmitter {
  return ((globalThis as WithEmitter)[emitterKey] ??= new EventEmitter().setMaxListeners(100));
}

export function publishDomainEvent(event: DomainEvent): void {
  emitter().emit('event', event);
}

/** Returns the function that unsubscribes. */
export function subscribeToDomainEvents(listener: (event: DomainEvent) => void): () => void {
  emitter().on('event', listener);
  return () => emitter().off('event', listener);
}
