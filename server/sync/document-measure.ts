import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import type { Placement } from './update-placement';

export type DocumentBounds = Pick<typeof limits.document, 'maxNestingDepth' | 'maxElements' | 'maxTextCharacters' | 'maxDocumentBytes' | 'response'>;

/** What an update would insert into one bounded root and delete from it. */
export interface RootChange {
  insertedCharacters: number;
  insertedElements: number;
  deletedCharacters: number;
  deletedElements: number;
  /** The depth of the deepest element it inserts (0 when none). */
  deepestElement: number;
}

/**
 * What an update would do to the document's size, worked out from its placement: the
 * transcript's change (at the top level, with `deepestElement` the deepest under any root
 * but the response) and the response's.
 */
export interface UpdateEffects extends RootChange {
  response: RootChange;
  /** Whether it inserts anything at all (an update that only deletes is never too large). */
  inserts: boolean;
}

/** Live characters and elements under a root. */
export interface RootSize {
  characters: number;
  elements: number;
}

/**
 * The size of an open document, kept current update by update, so that bounds are checked
 * in time that grows with the update: the characters and elements of the transcript and of
 * the response (counted once on load), and its encoded bytes (the stored bytes plus every
 * update applied since, an upper bound until the next compaction says the exact figure).
 */
export class DocumentMeasure {
  /** The transcript's (`content`) live characters and elements. */
  public textCharacters = 0;
  public elements = 0;
  /** The response's (`response`), bounded by `limits.document.response`. */
  public readonly response: RootSize = { characters: 0, elements: 0 };

  private constructor(
    public bytes: number,
    private readonly bounds: DocumentBounds,
  ) {}

  static of(doc: Y.Doc, storedBytes: number, bounds: DocumentBounds = limits.document): DocumentMeasure {
    const measure = new DocumentMeasure(storedBytes, bounds);
    measure.recount(doc);
    return measure;
  }

  /** Counts the transcript and the response again: after a change that was not measured first (a restore, an update that failed halfway). */
  recount(doc: Y.Doc): void {
    const content = countLive(doc.getXmlFragment(documentLayout.content));
    this.textCharacters = content.characters;
    this.elements = content.elements;
    Object.assign(this.response, countLive(doc.getXmlFragment(documentLayout.response)));
  }

  effectsOf(placement: Placement): UpdateEffects {
    const effects: UpdateEffects = { ...noChange(), response: noChange(), inserts: placement.inserted.length > 0 };
    const changeOf = (root: string): RootChange | null => (root === documentLayout.content ? effects : root === documentLayout.response ? effects.response : null);
    for (const { item, place } of placement.inserted) {
      const change = changeOf(place.root);
      if (!change) {
        // Other roots nest maps and arrays; they are walked (and restored) like the transcript.
        if (item.content instanceof Y.ContentType) effects.deepestElement = Math.max(effects.deepestElement, place.depth);
        continue;
      }
      if (item.content instanceof Y.ContentString) change.insertedCharacters += item.length;
      else if (item.content instanceof Y.ContentType) {
        change.insertedElements++;
        // A text node is a leaf of its block, not a level of nesting.
        if (!(item.content.type instanceof Y.XmlText)) change.deepestElement = Math.max(change.deepestElement, place.depth);
      }
    }
    // A deleted element takes everything inside it, listed in the delete set or not.
    const counted = new Set<Y.Item>();
    for (const { item, place, length } of placement.deleted) {
      const change = changeOf(place.root);
      if (!change || counted.has(item)) continue;
      counted.add(item);
      if (item.content instanceof Y.ContentString) change.deletedCharacters += length;
      else if (item.content instanceof Y.ContentType) {
        change.deletedElements++;
        const inside = countLive(item.content.type, counted);
        change.deletedCharacters += inside.characters;
        change.deletedElements += inside.elements;
      }
    }
    return effects;
  }

  /** Why applying an update of `updateBytes` with these effects would pass a bound, or null. */
  boundBroken(effects: UpdateEffects, updateBytes: number): string | null {
    const { maxNestingDepth, maxElements, maxTextCharacters, maxDocumentBytes, response } = this.bounds;
    if (effects.deepestElement > maxNestingDepth) return `Elements can nest at most ${maxNestingDepth} deep.`;
    if (passesBound(this.elements, effects.insertedElements, effects.deletedElements, maxElements)) {
      return `A conversation can have at most ${maxElements.toLocaleString('en')} elements.`;
    }
    if (passesBound(this.textCharacters, effects.insertedCharacters, effects.deletedCharacters, maxTextCharacters)) {
      return `A conversation can hold at most ${maxTextCharacters.toLocaleString('en')} characters of text.`;
    }
    const written = effects.response;
    if (written.deepestElement > response.maxNestingDepth) return `A response’s elements can nest at most ${response.maxNestingDepth} deep.`;
    if (passesBound(this.response.elements, written.insertedElements, written.deletedElements, response.maxElements)) {
      return `A response can have at most ${response.maxElements.toLocaleString('en')} elements.`;
    }
    if (passesBound(this.response.characters, written.insertedCharacters, written.deletedCharacters, response.maxTextCharacters)) {
      return `A response can hold at most ${response.maxTextCharacters.toLocaleString('en')} characters of text.`;
    }
    if (effects.inserts && this.bytes + updateBytes > maxDocumentBytes) return `A conversation can be at most ${Math.round(maxDocumentBytes / 1024 / 1024)} MiB.`;
    return null;
  }

  apply(effects: UpdateEffects, updateBytes: number): void {
    this.textCharacters = Math.max(0, this.textCharacters + effects.insertedCharacters - effects.deletedCharacters);
    this.elements = Math.max(0, this.elements + effects.insertedElements - effects.deletedElements);
    this.response.characters = Math.max(0, this.response.characters + effects.response.insertedCharacters - effects.response.deletedCharacters);
    this.response.elements = Math.max(0, this.response.elements + effects.response.insertedElements - effects.response.deletedElements);
    this.bytes += updateBytes;
  }

  /** After a compaction: the exact encoded size. */
  compacted(stateBytes: number): void {
    this.bytes = stateBytes;
  }
}

function noChange(): RootChange {
  return { insertedCharacters: 0, insertedElements: 0, deletedCharacters: 0, deletedElements: 0, deepestElement: 0 };
}

/** Whether inserting takes a count past its bound (an update that only shrinks it always passes, so an over-full document can be trimmed). */
function passesBound(current: number, inserted: number, deleted: number, bound: number): boolean {
  return inserted > 0 && current + inserted - deleted > bound;
}

/** Live characters and elements inside a type, walked iteratively (documents may nest deep). */
function countLive(type: Y.AbstractType<any>, counted?: Set<Y.Item>): RootSize {
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
