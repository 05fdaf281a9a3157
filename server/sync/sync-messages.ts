import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { DecodedUpdate } from './update-placement';

/** The y-websocket message types (first varUint of every message). */
export const messageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** The y-protocols sync sub-types. */
export const syncType = { step1: 0, step2: 1, update: 2 } as const;

export type IncomingMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'sync-update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' };

export class MalformedMessageError extends Error {}

/**
 * Decodes one y-websocket message. Anything that is not a well-formed message of a known
 * type, including a Yjs update that does not parse to its end, is a `MalformedMessageError`:
 * updates are checked here, before they come anywhere near the document, because applying a
 * truncated update can change the document before it fails.
 */
export function decodeIncomingMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageType.sync) {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === syncType.step1) {
        Y.decodeStateVector(payload);
        return { kind: 'sync-step-1', stateVector: payload };
      }
      if (subtype === syncType.step2 || subtype === syncType.update) {
        const decoded = Y.decodeUpdate(payload);
        return { kind: subtype === syncType.step2 ? 'sync-step-2' : 'sync-update', update: payload, decoded };
      }
      throw new MalformedMessageError(`unknown sync message type ${subtype}`);
    }
    if (type === messageType.awareness) return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    if (type === messageType.queryAwareness) return { kind: 'query-awareness' };
    if (type === messageType.auth) return { kind: 'auth' };
    throw new MalformedMessageError(`unknown message type ${type}`);
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : 'unreadable message');
  }
}

/** A sync message: the sync type, the sub-type and one length-prefixed payload (the bench's clients use it too). */
export function encodeSyncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeSyncMessage(syncType.step1, Y.encodeStateVector(doc));
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeSyncMessage(syncType.step2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** Sync step 2 carrying an update already encoded (a stored state). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(syncType.step2, update);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(syncType.update, update);
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
