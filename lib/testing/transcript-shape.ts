import * as Y from 'yjs';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';

/**
 * The shape the editor gives a conversation document (docs/crdt.md): the transcript is a
 * `content` XML fragment of turns, each holding paragraphs of text, for the bench and tests. Bench clients type into
 * the first paragraph of the first turn, as a person typing into the transcript would, so
 * the server's plain-text projection and compaction see a real document.
 */
export function createTranscriptShape(doc: Y.Doc, initialText = 'Shared transcript: '): void {
  doc.transact(() => {
    const turn = new Y.XmlElement(turnElement.name);
    turn.setAttribute(turnElement.roleAttribute, 'user');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    turn.insert(0, [paragraph]);
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
    text.insert(0, initialText);
  });
}

/** The paragraph text clients type into, once the shape has arrived. */
export function typingTarget(doc: Y.Doc): Y.XmlText | undefined {
  const turn = doc.getXmlFragment(documentLayout.content).get(0);
  if (!(turn instanceof Y.XmlElement)) return undefined;
  const paragraph = turn.get(0);
  if (!(paragraph instanceof Y.XmlElement)) return undefined;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text : undefined;
}
