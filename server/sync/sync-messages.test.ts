import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { decodeIncomingMessage, encodeAwarenessMessage, encodeSyncStep1, encodeUpdateMessage, MalformedMessageError } from './sync-messages';

function updateOf(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('decodeIncomingMessage', () => {
  test('reads each kind of y-websocket message', () => {
    const doc = new Y.Doc();
    expect(decodeIncomingMessage(encodeSyncStep1(doc)).kind).toBe('sync-step-1');
    const update = updateOf('hello');
    expect(decodeIncomingMessage(encodeUpdateMessage(update))).toMatchObject({ kind: 'sync-update', update, decoded: { structs: expect.any(Array) } });
    expect(decodeIncomingMessage(encodeAwarenessMessage(Uint8Array.of(0))).kind).toBe('awareness');
    expect(decodeIncomingMessage(Uint8Array.of(3)).kind).toBe('query-awareness');
  });

  test('refuses every truncation of an update message, before it reaches a document', () => {
    const message = encodeUpdateMessage(updateOf('a longer piece of text to cut short'));
    for (let length = 0; length < message.length; length++) {
      expect(() => decodeIncomingMessage(message.slice(0, length))).toThrow(MalformedMessageError);
    }
  });

  test('refuses unknown message and sync types', () => {
    expect(() => decodeIncomingMessage(Uint8Array.of(9))).toThrow(/unknown message type 9/);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 5);
    encoding.writeVarUint8Array(encoder, Uint8Array.of(0));
    expect(() => decodeIncomingMessage(encoding.toUint8Array(encoder))).toThrow(/unknown sync message type 5/);
  });
});
