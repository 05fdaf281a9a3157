import * as encoding from 'lib0/encoding';
import { describe, expect } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { test } from '@/lib/testing/test-database';
import { encodeUpdateMessage } from './sync-messages';
import { connectClient, createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, waitFor } from './testing/sync-harness';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bytes(next: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

/** Frames of the kinds a broken or hostile client sends. */
function hostileFrame(next: () => number, validUpdate: Uint8Array): Uint8Array | string {
  const kind = Math.floor(next() * 6);
  const length = Math.floor(next() * 120);
  switch (kind) {
    case 0:
      return bytes(next, length);
    case 1: {
      const message = encodeUpdateMessage(validUpdate);
      return message.slice(0, Math.max(1, Math.floor(next() * (message.length - 1))));
    }
    case 2: {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, Math.floor(next() * 3));
      encoding.writeVarUint8Array(encoder, bytes(next, length));
      return encoding.toUint8Array(encoder);
    }
    case 3: {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, bytes(next, length));
      return encoding.toUint8Array(encoder);
    }
    case 4:
      return Uint8Array.of(7 + Math.floor(next() * 100), ...bytes(next, length));
    default:
      return 'not binary at all';
  }
}

describe('live sync: hostile input', () => {
  test('thousands of random and truncated frames leave the server up and the document intact', { timeout: 120_000 }, async ({ db }) => {
    const room = await createClassroom(db);
    const harness = await startSyncHarness(await poolOf(db), { settings: { newConnectionsPerPerson: { burst: 100_000, refillPerSecond: 100_000 } } });
    const legit = await connectClient(harness.base, room.conversationId, room.instructorId);
    try {
      await legit.synced;
      legit.text.insert(0, 'The real text. ');
      const seedDoc = new Y.Doc();
      seedDoc.getText('other').insert(0, 'some update to truncate');
      const validUpdate = Y.encodeStateAsUpdate(seedDoc);
      const cookie = await sessionCookie(room.studentId);
      const next = random(20261121);

      const frames = 2_000;
      let sent = 0;
      const worker = async () => {
        while (sent < frames) {
          sent++;
          const frame = hostileFrame(next, validUpdate);
          const connection = await rawUpgrade(`${harness.base}/${room.conversationId}`, cookie);
          const socket = connection.socket as WebSocket;
          const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
          socket.send(frame);
          // A frame the server accepts (a harmless presence update, say) leaves it open: close it ourselves.
          const timer = setTimeout(() => socket.close(), 200);
          await closed;
          clearTimeout(timer);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      legit.text.insert(legit.text.length, 'Still editing.');

      const serverDoc = () => harness.server.openRoom(room.conversationId)?.doc;
      await waitFor(() => serverDoc()?.getText('test').toString() === 'The real text. Still editing.', 10_000, 'the legitimate edits');
      expect(legit.provider.wsconnected).toBe(true);
      expect(legit.text.toString()).toBe('The real text. Still editing.');
      // The stored form still loads.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(serverDoc() as Y.Doc));
      expect(copy.getText('test').toString()).toBe('The real text. Still editing.');
      const malformed = (await harness.server.metrics.errors.get()).values.find((v) => v.labels.kind === 'malformed_message')?.value ?? 0;
      expect(malformed).toBeGreaterThan(frames / 3);
    } finally {
      legit.destroy();
      await harness.stop();
    }
  });
});
