import { z } from 'zod';
import { InvalidError } from '../errors';
import { entityId } from '../field-schemas';

/**
 * Where a page of a newest-first list ended: the last row's `updated_at` (to the
 * microsecond, as PostgreSQL stores it) and its id, which breaks ties between rows
 * updated in the same transaction. Clients get it as an opaque base64url string.
 */
export interface ConversationCursor {
  position: string;
  id: string;
}

const cursorSchema = z.tuple([z.iso.datetime({ precision: 6 }), entityId()]);

export function encodeConversationCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify([cursor.position, cursor.id])).toString('base64url');
}

/** The cursor, or an `InvalidError` on `cursor` for anything this server did not issue. */
export function decodeConversationCursor(encoded: string): ConversationCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) throw new InvalidError('cursor', 'cursor is not one this list gave out: start again from the first page');
  const [position, id] = parsed.data;
  return { position, id };
}
