import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What processes tell each other about one conversation, on its Redis channel (docs/sync.md,
 * "Several processes"). Every message names its sender and the sender's update count for the
 * conversation (`sequence`): the sender numbers its update messages 1, 2, 3…, and every other
 * message repeats the last number, so a receiver that sees a number jump, or a heartbeat ahead
 * of what it has, knows a message was lost on the way and asks for what it lacks.
 */
export type RelayMessage =
  /** A change, with the client ids it bound to their person on the sender (the receivers' authorship rule). */
  | { kind: 'update'; sender: string; sequence: number; sentAt: number; update: Uint8Array; bindings: Bindings }
  /** Presence changes of the sender's connections, with the person each client id is for (the receivers' ownership rule). */
  | { kind: 'presence'; sender: string; sequence: number; sentAt: number; update: Uint8Array; owners: Bindings }
  | { kind: 'heartbeat'; sender: string; sequence: number; sentAt: number }
  /** Content refused from read-only writers on the sender: refused here too, whenever it comes. */
  | { kind: 'refused'; sender: string; sequence: number; sentAt: number; refused: Refusals }
  /** "Send me what I lack": to one process (`target`) or to all (''). */
  | { kind: 'sync-request'; sender: string; sequence: number; sentAt: number; target: string; stateVector: Uint8Array }
  /** What `target` lacked; with the sender's own state vector when it wants the same back (empty otherwise). */
  | { kind: 'sync-answer'; sender: string; sequence: number; sentAt: number; target: string; update: Uint8Array; stateVector: Uint8Array; bindings: Bindings };

export type Refusals = Array<{ clientId: number; userId: string; fromClock: number }>;

/** Yjs client ids with the person each is bound to (or, for presence, announced for; '' once removed). */
export type Bindings = Array<[clientId: number, userId: string]>;

export type RelayKind = RelayMessage['kind'];

const kindCodes: Record<RelayKind, number> = { update: 0, presence: 1, heartbeat: 2, 'sync-request': 3, 'sync-answer': 4, refused: 5 };
const kindsByCode: RelayKind[] = ['update', 'presence', 'heartbeat', 'sync-request', 'sync-answer', 'refused'];

export class MalformedRelayMessageError extends Error {}

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kindCodes[message.kind]);
  encoding.writeVarString(encoder, message.sender);
  encoding.writeVarUint(encoder, message.sequence);
  encoding.writeFloat64(encoder, message.sentAt);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint8Array(encoder, message.update);
      writeBindings(encoder, message.bindings);
      break;
    case 'presence':
      encoding.writeVarUint8Array(encoder, message.update);
      writeBindings(encoder, message.owners);
      break;
    case 'heartbeat':
      break;
    case 'refused':
      encoding.writeVarUint(encoder, message.refused.length);
      for (const { clientId, userId, fromClock } of message.refused) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarString(encoder, userId);
        encoding.writeVarUint(encoder, fromClock);
      }
      break;
    case 'sync-request':
      encoding.writeVarString(encoder, message.target);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case 'sync-answer':
      encoding.writeVarString(encoder, message.target);
      encoding.writeVarUint8Array(encoder, message.update);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      writeBindings(encoder, message.bindings);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Throws `MalformedRelayMessageError` for anything that is not a whole relay message. */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = kindsByCode[decoding.readVarUint(decoder)];
    if (!kind) throw new MalformedRelayMessageError('unknown relay message kind');
    const sender = decoding.readVarString(decoder);
    const sequence = decoding.readVarUint(decoder);
    const sentAt = decoding.readFloat64(decoder);
    const head = { sender, sequence, sentAt };
    let message: RelayMessage;
    switch (kind) {
      case 'update':
        message = { kind, ...head, update: decoding.readVarUint8Array(decoder), bindings: readBindings(decoder) };
        break;
      case 'presence':
        message = { kind, ...head, update: decoding.readVarUint8Array(decoder), owners: readBindings(decoder) };
        break;
      case 'heartbeat':
        message = { kind, ...head };
        break;
      case 'refused': {
        const count = decoding.readVarUint(decoder);
        if (count > decoder.arr.length - decoder.pos) throw new MalformedRelayMessageError('more refusals than bytes');
        const refused: Refusals = [];
        for (let i = 0; i < count; i++) refused.push({ clientId: decoding.readVarUint(decoder), userId: decoding.readVarString(decoder), fromClock: decoding.readVarUint(decoder) });
        message = { kind, ...head, refused };
        break;
      }
      case 'sync-request':
        message = { kind, ...head, target: decoding.readVarString(decoder), stateVector: decoding.readVarUint8Array(decoder) };
        break;
      case 'sync-answer':
        message = {
          kind,
          ...head,
          target: decoding.readVarString(decoder),
          update: decoding.readVarUint8Array(decoder),
          stateVector: decoding.readVarUint8Array(decoder),
          bindings: readBindings(decoder),
        };
        break;
    }
    if (decoding.hasContent(decoder)) throw new MalformedRelayMessageError('trailing bytes after a relay message');
    return message;
  } catch (error) {
    if (error instanceof MalformedRelayMessageError) throw error;
    throw new MalformedRelayMessageError(error instanceof Error ? error.message : 'unreadable relay message');
  }
}

function writeBindings(encoder: encoding.Encoder, bindings: Bindings): void {
  encoding.writeVarUint(encoder, bindings.length);
  for (const [clientId, userId] of bindings) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarString(encoder, userId);
  }
}

function readBindings(decoder: decoding.Decoder): Bindings {
  const count = decoding.readVarUint(decoder);
  // Each entry takes at least two bytes: a count past what is left is a lie, not a reason to allocate.
  if (count > decoder.arr.length - decoder.pos) throw new MalformedRelayMessageError('more bindings than bytes');
  const bindings: Bindings = [];
  for (let i = 0; i < count; i++) bindings.push([decoding.readVarUint(decoder), decoding.readVarString(decoder)]);
  return bindings;
}
