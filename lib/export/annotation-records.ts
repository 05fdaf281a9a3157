import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';

export interface CommentRecord {
  authorName: string;
  /** ISO 8601, as the client wrote it; null when missing. */
  createdAt: string | null;
  text: string;
}

/** An entry of the `annotations` map, with its tag's name looked up in `tags`. */
export interface AnnotationRecord {
  highlightId: string;
  tagName: string;
  /** The tag's colour as `#rrggbb`; null when missing or not one. */
  tagColor: string | null;
  authorName: string;
  createdAt: string | null;
  comments: CommentRecord[];
}

/**
 * The document's annotations by highlight id, read defensively: any client may write these
 * maps, so a field of the wrong type reads as missing instead of failing the export.
 */
export function readAnnotations(doc: Y.Doc): Map<string, AnnotationRecord> {
  const tags = doc.getMap<unknown>(documentLayout.tags);
  const annotations = doc.getMap<unknown>(documentLayout.annotations);
  const records = new Map<string, AnnotationRecord>();
  for (const [highlightId, entry] of annotations.entries()) {
    if (!(entry instanceof Y.Map)) continue;
    const tagId = stringField(entry, 'tagId');
    const tag = tagId === null ? undefined : tags.get(tagId);
    const tagName = (tag instanceof Y.Map ? stringField(tag, 'name') : null) ?? tagId;
    const tagColor = tag instanceof Y.Map ? stringField(tag, 'color') : null;
    records.set(highlightId, {
      highlightId,
      tagName: tagName?.trim() || 'untagged',
      tagColor: tagColor !== null && /^#[0-9a-f]{6}$/i.test(tagColor) ? tagColor.toLowerCase() : null,
      authorName: stringField(entry, 'authorName')?.trim() || 'unknown author',
      createdAt: stringField(entry, 'createdAt'),
      comments: readComments(entry.get('comments')),
    });
  }
  return records;
}

function readComments(comments: unknown): CommentRecord[] {
  if (!(comments instanceof Y.Array)) return [];
  return comments.toArray().flatMap((comment: unknown) => {
    if (!(comment instanceof Y.Map)) return [];
    const text = stringField(comment, 'text');
    if (text === null) return [];
    return [{ authorName: stringField(comment, 'authorName')?.trim() || 'unknown author', createdAt: stringField(comment, 'createdAt'), text }];
  });
}

function stringField(map: Y.Map<unknown>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

/** `2025-03-01` (UTC) from an ISO 8601 timestamp, or null when it is not one. */
export function calendarDate(iso: string | null): string | null {
  // `Date.parse` guesses at anything (`"1"` is 2001); only a date the editor would write counts.
  if (iso === null || !/^\d{4}-\d{2}-\d{2}(?:T|$)/.test(iso)) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}
