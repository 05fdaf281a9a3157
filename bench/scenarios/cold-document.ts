import * as Y from 'yjs';
import { createTranscriptShape, typingTarget } from '@/lib/testing/transcript-shape';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';

export interface BuiltDocument {
  /** The edits' updates merged into batches, in order: what a feeding client sends. */
  batches: Uint8Array[];
  /** Y.encodeStateAsUpdate of the finished document. */
  encodedState: Uint8Array;
  stateVector: Uint8Array;
  text: string;
  edits: number;
}

/**
 * A long-lived transcript built from `edits` edits, as a class would make it over weeks:
 * 30 authors taking turns in runs of typing (one character per edit), about one edit in
 * ten a backspace, a new paragraph now and then and a new turn less often. Deterministic
 * (seeded), so every server gets the same document.
 */
export function buildLongDocument(edits: number, batchSize: number): BuiltDocument {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  createTranscriptShape(doc, '');
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const authors = Array.from({ length: 30 }, (_, index) => 1_000_000 + index);
  let paragraph = typingTarget(doc)!;
  let cursor = 0;
  const content = doc.getXmlFragment(documentLayout.content);
  for (let made = 0; made < edits; ) {
    // A run of 5-60 edits by one author.
    doc.clientID = authors[Math.floor(random() * authors.length)]!;
    cursor = Math.min(cursor, paragraph.length);
    const run = 5 + Math.floor(random() * 55);
    for (let i = 0; i < run && made < edits; i++, made++) {
      const roll = random();
      if (roll < 0.1 && cursor > 0) {
        paragraph.delete(--cursor, 1);
      } else if (roll < 0.102) {
        const next = new Y.XmlText();
        const element = new Y.XmlElement('paragraph');
        element.insert(0, [next]);
        const turn = content.get(content.length - 1) as Y.XmlElement;
        if (roll < 0.1003) {
          const newTurn = new Y.XmlElement(turnElement.name);
          newTurn.setAttribute(turnElement.roleAttribute, random() < 0.5 ? 'user' : 'assistant');
          newTurn.insert(0, [element]);
          content.insert(content.length, [newTurn]);
        } else {
          turn.insert(turn.length, [element]);
        }
        paragraph = next;
        cursor = 0;
      } else {
        paragraph.insert(cursor++, String.fromCharCode(97 + Math.floor(random() * 26)));
      }
    }
    // The next author starts somewhere near the end.
    cursor = Math.max(0, paragraph.length - Math.floor(random() * 40));
  }
  const batches: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += batchSize) batches.push(Y.mergeUpdates(updates.slice(i, i + batchSize)));
  const result = {
    batches,
    encodedState: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    text: content.toString(),
    edits,
  };
  doc.destroy();
  return result;
}
