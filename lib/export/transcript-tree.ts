import * as Y from 'yjs';

/** A mark on a text node, as ProseMirror names it (`bold`, `link`, `highlight`, …). */
export interface TranscriptMark {
  type: string;
  attrs: Record<string, unknown>;
}

/** A run of text with the same marks. */
export interface TranscriptText {
  kind: 'text';
  text: string;
  marks: TranscriptMark[];
}

/** An element (`turn`, `paragraph`, `table`, `hardBreak`, …) with its attributes and children. */
export interface TranscriptElement {
  kind: 'element';
  type: string;
  attrs: Record<string, unknown>;
  content: TranscriptNode[];
}

/** A node of the transcript, in the shape of ProseMirror's JSON. */
export type TranscriptNode = TranscriptText | TranscriptElement;

/**
 * y-prosemirror stores a mark that may overlap itself (our `highlight`) under its name plus
 * `--` and an 8-character hash, so two highlights on one character keep both attribute sets.
 * The same pattern as `@tiptap/y-tiptap`'s `yattr2markname`.
 */
const overlappingMarkKey = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/**
 * The `content` fragment as a tree of plain objects, what `yXmlFragmentToProsemirrorJSON`
 * would give, but tolerant of what a client could write that the editor never would: hooks
 * and embeds are skipped rather than thrown on.
 */
export function readTranscriptTree(fragment: Y.XmlFragment): TranscriptNode[] {
  return fragment.toArray().flatMap(readNode);
}

function readNode(item: Y.XmlElement | Y.XmlText | Y.XmlHook): TranscriptNode[] {
  if (item instanceof Y.XmlText) return readText(item);
  if (item instanceof Y.XmlElement) {
    return [{ kind: 'element', type: item.nodeName, attrs: { ...item.getAttributes() }, content: item.toArray().flatMap(readNode) }];
  }
  return [];
}

function readText(item: Y.XmlText): TranscriptText[] {
  const delta = item.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
  return delta.flatMap((part) => {
    if (typeof part.insert !== 'string' || part.insert === '') return [];
    const marks = Object.entries(part.attributes ?? {}).map(([key, attrs]) => ({
      type: overlappingMarkKey.exec(key)?.[1] ?? key,
      attrs: attrs !== null && typeof attrs === 'object' ? (attrs as Record<string, unknown>) : {},
    }));
    return [{ kind: 'text' as const, text: part.insert, marks }];
  });
}
