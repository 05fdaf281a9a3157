import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import type { Placement } from './update-placement';

export type DocumentBounds = Pick<typeof limits.document, 'maxNestingDepth' | 'maxElements' | 'maxTextCharacters' | 'maxDocumentBytes'>;

/** What an update would do to the transcript's size, worked out from its placement. */
export interface UpdateEffects {
  insertedCharacters: number;
  insertedElements: number;
  deletedCharacters: number;
  deletedElements: number;
  /** The depth of the deepest shared type it inserts, under any root (0 when none). */
  deepestElement: number;
  /** Whether it inserts anything at all (an update that only deletes is never too large). */
  inserts: boolean;
}

/**
 * The size of an open document, kept current update by update, so that bounds are checked
 * in time that grows with the update: the transcript's characters and elements (counted once
 * on load), and its encoded bytes (the stored bytes plus every update applied since, an upper
 * bound until the next compaction says the exact figure).
 */
export class DocumentMeasure {
  private constructor(
    public textCharacters: number,
    public elements: number,
    public bytes: number,
    private readonly bounds: DocumentBounds,
  ) {}

  static of(doc: Y.Doc, storedBytes: number, bounds: DocumentBounds = limits.document): DocumentMeasure {
    const counted = countLive(doc.getXmlFragment(documentLayout.content));
    return new DocumentMeasure(counted.characters, counted.elements, storedBytes, bounds);
  }

  effectsOf(placement: Placement): UpdateEffects {
    const effects: UpdateEffects = { insertedCharacters: 0, insertedElements: 0, deletedCharacters: 0, deletedElements: 0, deepestElement: 0, inserts: placement.inserted.length > 0 };
    for (const { item, place } of placement.inserted) {
      if (place.root !== documentLayout.content) {
        // Other roots nest maps and arrays; they are walked (and restored) like the transcript.
        if (item.content instanceof Y.ContentType) effects.deepestElement = Math.max(effects.deepestElement, place.depth);
        continue;
      }
      if (item.content instanceof Y.ContentString) effects.insertedCharacters += item.length;
      else if (item.content instanceof Y.ContentType) {
        effects.insertedElements++;
        // A text node is a leaf of its block, not a level of nesting.
        if (!(item.content.type instanceof Y.XmlText)) effects.deepestElement = Math.max(effects.deepestElement, place.depth);
      }
    }
    // A deleted element takes everything inside it, listed in the delete set or not.
    const counted = new Set<Y.Item>();
    for (const { item, place, length } of placement.deleted) {
      if (place.root !== documentLayout.content || counted.has(item)) continue;
      counted.add(item);
      if (item.content instanceof Y.ContentString) effects.deletedCharacters += length;
      else if (item.content instanceof Y.ContentType) {
        effects.deletedElements++;
        const inside = countLive(item.content.type, counted);
        effects.deletedCharacters += inside.characters;
        effects.deletedElements += inside.elements;
      }
    }
    return effects;
  }

  /** Why applying an update of `updateBytes` with these effects would pass a bound, or null. */
  boundBroken(effects: UpdateEffects, updateBytes: number): string | null {
    const { maxNestingDepth, maxElements, maxTextCharacters, maxDocumentBytes } = this.bounds;
    if (effects.deepestElement > maxNestingDepth) return `Elements can nest at most ${maxNestingDepth} deep.`;
    if (effects.insertedElements > 0 && this.elements + effects.insertedElements - effects.deletedElements > maxElements) {
      return `A conversation can have at most ${maxElements.toLocaleString('en')} elements.`;
    }
    if (effects.insertedCharacters > 0 && this.textCharacters + effects.insertedCharacters - effects.deletedCharacters > maxTextCharacters) {
      return `A conversation can hold at most ${maxTextCharacters.toLocaleString('en')} characters of text.`;
    }
    if (effects.inserts && this.bytes + updateBytes > maxDocumentBytes) return `A conversation can be at most ${Math.round(maxDocumentBytes / 1024 / 1024)} MiB.`;
    return null;
  }

  apply(effects: UpdateEffects, updateBytes: number): void {
    this.textCharacters = Math.max(0, this.textCharacters + effects.insertedCharacters - effects.deletedCharacters);
    this.elements = Math.max(0, this.elements + effects.insertedElements - effects.deletedElements);
    this.bytes += updateBytes;
  }

  /** After a compaction: the exact encoded size. */
  compacted(stateBytes: number): void {
    this.bytes = stateBytes;
  }
}

/** Live characters and elements inside a type, walked iteratively (documents may nest deep). */
function countLive(type: Y.AbstractType<any>, counted?: Set<Y.Item>): { characters: number; elements: number } {
  let characters = 0;
  let elements = 0;
  const pending: Array<Y.AbstractType<any>> = [type];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const visit = (item: Y.Item | null) => {
      for (let next = item; next !== null; next = next.right) {
        if (next.deleted || counted?.has(next)) continue;
        counted?.add(next);
        if (next.content instanceof Y.ContentString) characters += next.length;
        else if (next.content instanceof Y.ContentType) {
          elements++;
          pending.push(next.content.type);
        }
      }
    };
    visit(current._start);
    for (const item of current._map.values()) visit(item);
  }
  return { characters, elements };
}
