import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';

/**
 * Writes `label` ("Peer 2") as the author's name of every highlight and comment `userId`
 * made, in a document loaded for one export (never a live or stored one): what an anonymous
 * activity's peer reads of a shared workspace names no one.
 */
export function relabelAuthor(doc: Y.Doc, userId: string, label: string): void {
  doc.transact(() => {
    for (const entry of doc.getMap<unknown>(documentLayout.annotations).values()) {
      if (!(entry instanceof Y.Map)) continue;
      if (entry.get('authorId') === userId) entry.set('authorName', label);
      const comments = entry.get('comments');
      if (!(comments instanceof Y.Array)) continue;
      for (const comment of comments.toArray()) {
        if (comment instanceof Y.Map && comment.get('authorId') === userId) comment.set('authorName', label);
      }
    }
  });
}
