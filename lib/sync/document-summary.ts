import * as Y from 'yjs';
import { limits } from '@/lib/limits';
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
  /**
   * What search reads of the annotations (`conversations.annotation_text`): the names of the
   * tags the live highlights use, then their comments, one to a line (`annotationText`).
   */
  annotationText: string;
}

/** Whose a Yjs client id is (the server's bindings); undefined for nobody's. */
export type ClientOwner = (clientId: number) => string | undefined;

/** A highlight mark's formatting key: `highlight`, or `highlight--<hash>` for overlapping marks (y-prosemirror). */
const highlightKey = /^highlight(?:--[A-Za-z0-9+/=]{8})?$/;

/**
 * The summary of a document, in one pass over the items of the transcript and the response
 * (no deltas, no strings built: it runs at every compaction) and one over the annotations
 * (with their text, up to its cap).
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
  const liveRecords: Array<Y.Map<unknown>> = [];
  const tagIds = new Set<string>();
  for (const id of liveHighlights) {
    const record = annotations.get(id);
    if (!(record instanceof Y.Map)) continue;
    liveRecords.push(record);
    highlightCount += 1;
    const tagId = record.get('tagId');
    if (typeof tagId === 'string') tagIds.add(tagId);
    const comments = record.get('comments');
    if (comments instanceof Y.Array) commentCount += comments.length;
  }
  // Tag names first (few, short), then comments until the cap.
  const annotationText = new AnnotationTextBuilder(limits.document.annotationSearchCharacters);
  const tags = doc.getMap<unknown>(documentLayout.tags);
  for (const tagId of tagIds) {
    const tag = tags.get(tagId);
    if (tag instanceof Y.Map) annotationText.addLine(tag.get('name'));
  }
  for (const record of liveRecords) {
    const comments = record.get('comments');
    if (!(comments instanceof Y.Array)) continue;
    for (const comment of comments) {
      if (annotationText.full) break;
      if (comment instanceof Y.Map) annotationText.addLine(comment.get('text'));
    }
  }
  return { highlightCount, commentCount, responseWords: responseWordCount(doc), authorCharacters, annotationText: annotationText.text() };
}

/**
 * Lines of text up to a number of characters (a comment is at most 2,000, a thread at most
 * 500 comments: the cap keeps the search vector bounded). A line is one entry with its line
 * breaks made spaces, so that a snippet can show the one entry it matched in; characters
 * PostgreSQL text cannot hold are dropped.
 */
class AnnotationTextBuilder {
  private readonly lines: string[] = [];
  private length = 0;

  constructor(private readonly maxCharacters: number) {}

  get full(): boolean {
    return this.length >= this.maxCharacters;
  }

  addLine(value: unknown): void {
    if (typeof value !== 'string' || this.full) return;
    const line = value.replace(/[\r\n\u2028\u2029]+/g, ' ').replaceAll('\u0000', '').trim();
    if (!line) return;
    const room = this.maxCharacters - this.length - (this.lines.length > 0 ? 1 : 0);
    if (room <= 0) {
      this.length = this.maxCharacters;
      return;
    }
    const kept = line.length > room ? line.slice(0, room).toWellFormed() : line.toWellFormed();
    this.lines.push(kept);
    this.length += kept.length + (this.lines.length > 1 ? 1 : 0);
  }

  text(): string {
    return this.lines.join('\n');
  }
}
