import type pg from 'pg';
import * as Y from 'yjs';
import type { KeptVersion, LiveDocuments } from '@/lib/sync/live-documents';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import { replaceDocument } from '@/lib/versions/replace-document';
import type { VersionStore } from '@/lib/versions/version-store';
import type { ConversationRoom } from './conversation-room';
import { DocumentMissingError, type RoomRegistry } from './room-registry';

/** Thrown when the conversation does not exist (or is in the trash). */
export class LiveDocumentMissingError extends Error {}

/**
 * The engine's side of `LiveDocuments`: versions kept and restored in the live room, so open
 * connections see a restore at once and nothing typed meanwhile is lost. A conversation that
 * nobody has open is loaded for the operation and unloaded after it, like a connection would.
 * Who may do these things is decided by the caller (lib/versions/version-administration.ts).
 */
export class LiveRoomDocuments implements LiveDocuments {
  constructor(
    private readonly pool: pg.Pool,
    private readonly registry: RoomRegistry,
    private readonly versions: VersionStore,
    /** Resolves when the access decisions under way for a conversation's connections are applied. */
    private readonly accessSettled: (conversationId: string) => Promise<void>,
  ) {}

  async settledDocument(conversationId: string): Promise<Uint8Array | null> {
    await this.accessSettled(conversationId);
    const room = this.registry.room(conversationId);
    return room ? Y.encodeStateAsUpdate(room.doc) : null;
  }

  keepVersion(conversationId: string, by: { userId: string; label?: string }): Promise<KeptVersion> {
    return this.withRoom(conversationId, async (room) => {
      const kept = await room.versions.keep('manual', by);
      return { id: kept.id, createdAt: kept.createdAt, reason: 'manual' };
    });
  }

  restoreVersion(conversationId: string, versionId: string, userId: string): Promise<{ id: string } | { refused: string } | null> {
    return this.withRoom(conversationId, async (room) => {
      const stored = await this.versions.documentAt(conversationId, versionId);
      if (!stored) return null;
      const target = new Y.Doc();
      try {
        Y.applyUpdate(target, stored);
        const depth = deepestElement(target.getXmlFragment(documentLayout.content));
        if (depth > limits.document.maxNestingDepth) {
          return { refused: `This version nests ${depth.toLocaleString('en')} deep, more than a conversation may (${limits.document.maxNestingDepth}); restore an earlier one.` };
        }
        // The state before is captured now, in the same turn as the change that replaces it.
        const before = room.versions.keep('restore', { userId });
        room.applyServerChange(userId, (doc) => replaceDocument(doc, target));
        await before;
        return { id: versionId };
      } finally {
        target.destroy();
      }
    });
  }

  private async withRoom<T>(conversationId: string, operation: (room: ConversationRoom) => Promise<T>): Promise<T> {
    const found = await this.pool.query<{ class_id: string }>('select class_id from conversations where id = $1 and deleted_at is null', [conversationId]);
    const classId = found.rows[0]?.class_id;
    if (!classId) throw new LiveDocumentMissingError(conversationId);
    let room: ConversationRoom;
    try {
      room = await this.registry.acquire(conversationId, classId);
    } catch (error) {
      if (error instanceof DocumentMissingError) throw new LiveDocumentMissingError(conversationId);
      throw error;
    }
    room.operations++;
    try {
      return await operation(room);
    } finally {
      room.operations--;
      this.registry.release(room);
    }
  }
}

/** How deep elements nest under a root, walked iteratively (a version may predate the limits). */
function deepestElement(root: Y.XmlFragment): number {
  let deepest = 0;
  const pending: Array<{ node: Y.XmlFragment | Y.XmlElement; depth: number }> = [{ node: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    deepest = Math.max(deepest, next.depth);
    for (const child of next.node.toArray()) if (child instanceof Y.XmlElement) pending.push({ node: child, depth: next.depth + 1 });
  }
  return deepest;
}
