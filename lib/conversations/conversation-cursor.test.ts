import { describe, expect, test } from 'vitest';
import { InvalidError } from '@/lib/errors';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor';

const cursor = { position: '2026-11-21T08:53:10.123456Z', id: '0b6a3c0e-5a4f-4d2b-9a57-1f0d8f1c2e3a' };

describe('conversation cursors', () => {
  test('round-trip, as URL-safe text', () => {
    const encoded = encodeConversationCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeConversationCursor(encoded)).toEqual(cursor);
  });

  test.each([
    ['not base64 at all', '%%%'],
    ['empty', ''],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['the wrong shape', Buffer.from(JSON.stringify({ position: cursor.position, id: cursor.id })).toString('base64url')],
    ['a millisecond position', Buffer.from(JSON.stringify(['2026-11-21T08:53:10.123Z', cursor.id])).toString('base64url')],
    ['an id that is not a UUID', Buffer.from(JSON.stringify([cursor.position, "1' or '1'='1"])).toString('base64url')],
  ])('refuse %s with an error on the cursor field', (_, encoded) => {
    expect(() => decodeConversationCursor(encoded)).toThrow(InvalidError);
    try {
      decodeConversationCursor(encoded);
    } catch (error) {
      expect(error).toMatchObject({ field: 'cursor' });
    }
  });
});
