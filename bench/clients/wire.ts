/**
 * What a load-generator client needs from a sync protocol's framing. Both protocols carry
 * the same y-protocols payloads (sync step 1/2, update, awareness); they differ in framing
 * and in the handshake.
 */
export type IncomingFrame =
  | { kind: 'sync-step-1'; payload: Uint8Array }
  | { kind: 'sync-step-2'; payload: Uint8Array }
  | { kind: 'update'; payload: Uint8Array }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'other' };

export interface Wire {
  /** Frames to send as soon as the socket opens (before sync step 1). */
  handshake(): Uint8Array[];
  syncStep1(stateVector: Uint8Array): Uint8Array;
  syncStep2(update: Uint8Array): Uint8Array;
  update(update: Uint8Array): Uint8Array;
  awareness(update: Uint8Array): Uint8Array;
  decode(data: Uint8Array): IncomingFrame;
  /** Cheaply: is this an update or presence (what a client that only types may drop unread)? */
  isUpdateOrAwareness(data: Uint8Array): boolean;
}

/** y-protocols message types and sync sub-types: the server's own (`server/sync/sync-messages.ts`). */
export { messageType, syncType } from '@/server/sync/sync-messages';
