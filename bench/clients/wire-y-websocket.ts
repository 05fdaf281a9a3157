import * as decoding from 'lib0/decoding';
import { encodeAwarenessMessage, encodeSyncMessage, encodeSyncStep2FromUpdate, encodeUpdateMessage } from '@/server/sync/sync-messages';
import { messageType, syncType, type IncomingFrame, type Wire } from './wire';

/**
 * The y-websocket framing (our server and the in-memory floor): one document per socket, no
 * prefix. Messages are encoded by the server's own encoder, so the bench sends what it reads.
 */
export class YWebsocketWire implements Wire {
  handshake(): Uint8Array[] {
    return [];
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    return encodeSyncMessage(syncType.step1, stateVector);
  }

  syncStep2(update: Uint8Array): Uint8Array {
    return encodeSyncStep2FromUpdate(update);
  }

  update(update: Uint8Array): Uint8Array {
    return encodeUpdateMessage(update);
  }

  awareness(update: Uint8Array): Uint8Array {
    return encodeAwarenessMessage(update);
  }

  decode(data: Uint8Array): IncomingFrame {
    return decodeBody(decoding.createDecoder(data));
  }

  isUpdateOrAwareness(data: Uint8Array): boolean {
    // Single-byte varints: [0 sync, 2 update] or [1 awareness].
    return (data[0] === messageType.sync && data[1] === syncType.update) || data[0] === messageType.awareness;
  }
}

/** Reads a y-protocols message body (type, then payload). */
export function decodeBody(decoder: decoding.Decoder): IncomingFrame {
  return decodeBodyOfType(decoding.readVarUint(decoder), decoder);
}

/** The payload of a message whose type is already read (shared with the Hocuspocus framing, whose types 0 and 1 are the same). */
export function decodeBodyOfType(type: number, decoder: decoding.Decoder): IncomingFrame {
  if (type === messageType.sync) {
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === syncType.step1) return { kind: 'sync-step-1', payload };
    if (subtype === syncType.step2) return { kind: 'sync-step-2', payload };
    if (subtype === syncType.update) return { kind: 'update', payload };
    return { kind: 'other' };
  }
  if (type === messageType.awareness) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  return { kind: 'other' };
}
