import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import type { Placement } from './update-placement';

/**
 * The annotate-only rule (`editPermission`: may annotate, may not change the text), checked
 * on an update before it is applied, for a writer whose text is frozen:
 * - under `content` (the transcript) it may only add and remove highlights: insert `highlight`
 *   formatting marks (Yjs `ContentFormat` items of the key `highlight`, or `highlight--<hash>`
 *   as the editor binding names a mark that may overlap itself) and delete them; other
 *   formatting items may come and go only where the formatting stays the same (Yjs moves
 *   them as it adds a highlight beside bold, and cleans up redundant ones);
 * - under `annotations` and `tags` anything the annotation rules allow (`annotationRuleBroken`
 *   checks those);
 * - anything else (a character, an element, a turn's role, bold, the response, another root)
 *   breaks the rule, and the update is refused whole.
 * Returns why, or null. Items the update inserts and deletes at once (`ContentDeleted`) change
 * nothing anyone sees and pass.
 */
export function frozenTextRuleBroken(doc: Y.Doc, update: Uint8Array, placement: Placement): string | null {
  /** The paragraphs (`Y.XmlText` items) where the update adds or removes formatting of another key than a highlight's. */
  const otherFormatting = new Set<Y.Item>();
  for (const { item, place } of placement.inserted) {
    if (place.root === documentLayout.annotations || place.root === documentLayout.tags) continue;
    if (item.content instanceof Y.ContentDeleted) continue;
    if (place.root !== documentLayout.content || !(item.content instanceof Y.ContentFormat) || !place.parent) return frozenRefusal;
    if (isHighlightKey(item.content.key)) {
      if (!isHighlightValue(item.content.value)) return frozenRefusal;
    } else {
      // A formatting item the update makes new must go into a paragraph the document has.
      if (place.parent.isNew) return frozenRefusal;
      otherFormatting.add(place.parent.item);
    }
  }
  for (const { item, place } of placement.deleted) {
    if (place.root === documentLayout.annotations || place.root === documentLayout.tags) continue;
    if (place.root !== documentLayout.content || !(item.content instanceof Y.ContentFormat) || !place.parent) return frozenRefusal;
    if (!isHighlightKey(item.content.key)) otherFormatting.add(place.parent.item);
  }
  if (otherFormatting.size > 0 && formattingChanges(doc, update, otherFormatting)) return frozenRefusal;
  return null;
}

const frozenRefusal = 'An instructor has frozen the text: only highlights, comments and tags may change.';

/** The key of a highlight mark in a `Y.XmlText`: `highlight`, or `highlight--<8 characters>` (the binding's hash of an overlapping mark). */
export function isHighlightKey(key: string): boolean {
  return key === 'highlight' || /^highlight--[a-zA-Z0-9+/=]{8}$/.test(key);
}

/** A highlight mark's attributes (`{ highlightId }`), or null where it ends. */
function isHighlightValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value as Record<string, unknown>).every(([name, field]) => name === 'highlightId' && (typeof field === 'string' || field === null));
}

/**
 * Whether applying `update` changes any formatting but highlights in those paragraphs. Adding
 * a highlight next to bold or a link makes Yjs move their formatting items (a new one in, the
 * old one out, the same formatting): only the result tells, so it is worked out on a copy of
 * the document. That costs a copy of the document, only for such updates (a highlight at the
 * edge of other formatting); the usual highlight is decided from the update alone.
 */
function formattingChanges(doc: Y.Doc, update: Uint8Array, paragraphs: Set<Y.Item>): boolean {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const paragraphIn = (target: Y.Doc, paragraph: Y.Item) => (Y.getItem(target.store, paragraph.id) as Y.Item).content as Y.ContentType;
  const before = [...paragraphs].map((paragraph) => formattingOf(paragraphIn(copy, paragraph).type as Y.XmlText));
  Y.applyUpdate(copy, update);
  const after = [...paragraphs].map((paragraph) => formattingOf(paragraphIn(copy, paragraph).type as Y.XmlText));
  copy.destroy();
  return JSON.stringify(before) !== JSON.stringify(after);
}

/** A paragraph's text with its formatting but highlights, one entry per character (or embed). */
function formattingOf(text: Y.XmlText): string[] {
  const characters: string[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    const kept = Object.entries(op.attributes ?? {})
      .filter(([key]) => !isHighlightKey(key))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const attributes = JSON.stringify(kept);
    if (typeof op.insert === 'string') for (const character of op.insert) characters.push(character + attributes);
    else characters.push(JSON.stringify(op.insert) + attributes);
  }
  return characters;
}
