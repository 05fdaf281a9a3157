import * as Y from 'yjs';
import { documentLayout } from './document-layout';
import { responseWordCount } from './response-text';

/**
 * What the activity overview shows of a document, kept in `conversations` beside `raw_text`
 * (written at each compaction and at submission) so that no list loads documents.
 */
export interface DocumentSummary {
  /** Highlights still in the text (an `annotations` record whose mark was removed or whose text was deleted does not count). */
  highlightCount: number;
  /** Comments on those highlights. */
  commentCount: number;
  /** Words of the response (`responseWordCount`). */
  responseWords: number;
  /** Per user id, the characters of the transcript and the response written with their client ids and still there. */
  authorCharacters: Record<string, number>;
}

/** Whose a Yjs client id is (the server's bindings); undefined for nobody's. */
export type ClientOwner = (clientId: number) => string | undefined;

/** A highlight mark's formatting key: `highlight`, or `highlight--<hash>` for overlapping marks (y-prosemirror). */
const highlightKey = /^highlight(?:--[A-Za-z0-9+/=]{8})?$/;

/**
 * The summary of a document, in one pass over the items of the transcript and the response
 * (no deltas, no strings built: it runs at every compaction) and one over the annotations.
 * Iterative, so a deep document costs no call stack.
 */
export function documentSummary(doc: Y.Doc, ownerOf: ClientOwner): DocumentSummary {
  const authorCharacters: Record<string, number> = {};
  const liveHighlights = new Set<string>();
  const pending: Array<Y.AbstractType<any>> = [doc.getXmlFragment(documentLayout.content), doc.getXmlFragment(documentLayout.response)];
  while (pending.length > 0) {
    // The highlights open at this point of one text node, as Yjs formats it: a format item
    // sets a key until the next one for the same key (null clears it).
    const open = new Map<string, string>();
    for (let item = pending.pop()!._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const content = item.content;
      if (content instanceof Y.ContentString) {
        const owner = ownerOf(item.id.client);
        if (owner !== undefined) authorCharacters[owner] = (authorCharacters[owner] ?? 0) + item.length;
        for (const id of open.values()) liveHighlights.add(id);
      } else if (content instanceof Y.ContentFormat) {
        if (!highlightKey.test(content.key)) continue;
        const id = (content.value as { highlightId?: unknown } | null)?.highlightId;
        if (typeof id === 'string') open.set(content.key, id);
        else open.delete(content.key);
      } else if (content instanceof Y.ContentType) {
        pending.push(content.type);
      }
    }
  }
  let highlightCount = 0;
  let commentCount = 0;
  const annotations = doc.getMap<unknown>(documentLayout.annotations);
  for (const id of liveHighlights) {
    const record = annotations.get(id);
    if (!(record instanceof Y.Map)) continue;
    highlightCount += 1;
    const comments = record.get('comments');
    if (comments instanceof Y.Array) commentCount += comments.length;
  }
  return { highlightCount, commentCount, responseWords: responseWordCount(doc), authorCharacters };
}
