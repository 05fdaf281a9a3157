import * as Y from 'yjs';
import { documentLayout } from './document-layout';

/** What one person has in a conversation's document now. */
export interface Contribution {
  /** Characters of the transcript written with their client ids and still there. */
  characters: number;
  highlights: number;
  comments: number;
}

/**
 * Per-user contributions to a document, from what is in it now: the transcript's text by the
 * client id that wrote it (`owners`: the server's bindings of client ids to users), and the
 * highlights and comments by their `authorId` (which the server guarantees is the writer's).
 * Text whose client id is bound to nobody (written before bindings existed) counts for no one.
 * Iterative, so a deep document does not overflow the stack.
 */
export function documentContributions(doc: Y.Doc, owners: ReadonlyMap<number, string>): Map<string, Contribution> {
  const contributions = new Map<string, Contribution>();
  const of = (userId: string) => {
    let entry = contributions.get(userId);
    if (!entry) contributions.set(userId, (entry = { characters: 0, highlights: 0, comments: 0 }));
    return entry;
  };
  const pending: Array<Y.AbstractType<any>> = [doc.getXmlFragment(documentLayout.content)];
  while (pending.length > 0) {
    for (let item = pending.pop()!._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentString) {
        const owner = owners.get(item.id.client);
        if (owner) of(owner).characters += item.length;
      } else if (item.content instanceof Y.ContentType) {
        pending.push(item.content.type);
      }
    }
  }
  for (const record of doc.getMap<Y.Map<unknown>>(documentLayout.annotations).values()) {
    if (!(record instanceof Y.Map)) continue;
    const author = record.get('authorId');
    if (typeof author === 'string') of(author).highlights++;
    const comments = record.get('comments');
    if (!(comments instanceof Y.Array)) continue;
    for (const comment of comments.toArray()) {
      const commenter = comment instanceof Y.Map ? comment.get('authorId') : undefined;
      if (typeof commenter === 'string') of(commenter).comments++;
    }
  }
  return contributions;
}
