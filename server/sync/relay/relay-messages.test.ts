import { describe, expect, test } from 'vitest';
import { decodeRelayMessage, encodeRelayMessage, MalformedRelayMessageError, type RelayMessage } from './relay-messages';

const head = { sender: 'a1b2', sequence: 42, sentAt: 1_764_700_000_000.5 };

describe('relay messages', () => {
  test('each kind comes back as it was sent', () => {
    const messages: RelayMessage[] = [
      { kind: 'update', ...head, update: new Uint8Array([1, 2, 3]), bindings: [[123456789, 'user-1']] },
      { kind: 'presence', ...head, update: new Uint8Array([9]), owners: [[7, 'user-2'], [8, '']] },
      { kind: 'heartbeat', ...head },
      { kind: 'refused', ...head, refused: [{ clientId: 5, userId: 'user-3', fromClock: 17 }] },
      { kind: 'sync-request', ...head, target: '', stateVector: new Uint8Array([0]) },
      { kind: 'sync-answer', ...head, target: 'c3d4', update: new Uint8Array([4, 5]), stateVector: new Uint8Array(), bindings: [] },
    ];
    for (const message of messages) expect(decodeRelayMessage(encodeRelayMessage(message))).toEqual(message);
  });

  test('anything else is refused as malformed, not thrown as something else', () => {
    const whole = encodeRelayMessage({ kind: 'update', ...head, update: new Uint8Array([1, 2, 3]), bindings: [[1, 'u']] });
    expect(() => decodeRelayMessage(new Uint8Array([9]))).toThrow(MalformedRelayMessageError);
    expect(() => decodeRelayMessage(whole.slice(0, whole.length - 2))).toThrow(MalformedRelayMessageError);
    expect(() => decodeRelayMessage(new Uint8Array([...whole, 0]))).toThrow(MalformedRelayMessageError);
    // A binding count far past the bytes left is not allocated.
    const lying = encodeRelayMessage({ kind: 'update', ...head, update: new Uint8Array(), bindings: [] });
    lying[lying.length - 1] = 0x7f;
    expect(() => decodeRelayMessage(lying)).toThrow(MalformedRelayMessageError);
  });
});
