import { z } from 'zod';
import { entityId } from '@/lib/field-schemas';
import { decodeOpaqueCursor, encodeOpaqueCursor } from './opaque-cursor';

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
  return encodeOpaqueCursor([cursor.position, cursor.id]);
}

/** The cursor, or an `InvalidError` on `cursor` for anything this server did not issue. */
export function decodeConversationCursor(encoded: string): ConversationCursor {
  const [position, id] = decodeOpaqueCursor(encoded, cursorSchema);
  return { position, id };
}
