import * as Y from 'yjs';
import { documentLayout } from './document-layout';

/**
 * The size of a document's transcript (`content`), counted as the live-sync server bounds it
 * (`limits.document`): every element and text node is one element, a turn is at depth 1 and
 * the text in its paragraphs at depth 3, and the text is counted in UTF-16 units.
 */
export interface TranscriptExtent {
  depth: number;
  elements: number;
  textCharacters: number;
}

/** Measures the transcript with a stack of its own: a stored document may nest thousands deep. */
export function measureTranscript(doc: Y.Doc): TranscriptExtent {
  return measureFragment(doc.getXmlFragment(documentLayout.content));
}

/** The response (`documentLayout.response`), counted the same way (a paragraph at depth 1): bounded by `limits.document.response`. */
export function measureResponse(doc: Y.Doc): TranscriptExtent {
  return measureFragment(doc.getXmlFragment(documentLayout.response));
}

function measureFragment(fragment: Y.XmlFragment): TranscriptExtent {
  const extent: TranscriptExtent = { depth: 0, elements: 0, textCharacters: 0 };
  const pending: Array<{ node: Y.XmlElement | Y.XmlText | Y.XmlHook; depth: number }> = [];
  const pushChildren = (parent: Y.XmlFragment | Y.XmlElement, depth: number) => {
    for (const node of parent.toArray()) pending.push({ node, depth });
  };
  pushChildren(fragment, 1);
  while (pending.length > 0) {
    const { node, depth } = pending.pop() as (typeof pending)[number];
    extent.elements += 1;
    extent.depth = Math.max(extent.depth, depth);
    if (node instanceof Y.XmlText) extent.textCharacters += node.length;
    else if (node instanceof Y.XmlElement) pushChildren(node, depth + 1);
  }
  return extent;
}
