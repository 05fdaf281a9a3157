import * as Y from 'yjs';
import { limits } from '@/lib/limits';

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
 * How deep the tree may be: a document's own limit (a turn is depth 1). Below it, a stored
 * document that was nested deeper before the limit existed is flattened: containers are
 * unwrapped and their textblocks kept, in order, at this depth. So the tree is never more
 * than `maxTreeDepth + 2` deep (a textblock and a hard break inside it), and the Markdown,
 * which prefixes each line once per enclosing quote or list, does not grow with the square
 * of the nesting.
 */
export const maxTreeDepth = limits.document.maxNestingDepth;

/** An item to read into `target`; `depth` counts the elements above it (a turn has 0). */
interface ReadStep {
  item: Y.XmlElement | Y.XmlText | Y.XmlHook;
  target: TranscriptNode[];
  depth: number;
  /** Inside a textblock kept below `maxTreeDepth`: only its text and hard breaks are kept. */
  inDeepTextblock: boolean;
}

/**
 * The `content` fragment as a tree of plain objects, what `yXmlFragmentToProsemirrorJSON`
 * would give, but tolerant of what a client could write that the editor never would: hooks
 * and embeds are skipped rather than thrown on, and nesting deeper than `maxTreeDepth` is
 * flattened. The walk keeps its own stack, so any depth costs no call stack.
 */
export function readTranscriptTree(fragment: Y.XmlFragment): TranscriptNode[] {
  const tree: TranscriptNode[] = [];
  const steps: ReadStep[] = [];
  pushChildren(steps, fragment, tree, 0, false);
  while (steps.length > 0) {
    const { item, target, depth, inDeepTextblock } = steps.pop() as ReadStep;
    if (item instanceof Y.XmlText) {
      for (const text of readText(item)) target.push(text);
      continue;
    }
    if (!(item instanceof Y.XmlElement)) continue;
    const element: TranscriptElement = { kind: 'element', type: item.nodeName, attrs: { ...item.getAttributes() }, content: [] };
    if (depth < maxTreeDepth) {
      target.push(element);
      pushChildren(steps, item, element.content, depth + 1, false);
    } else if (inDeepTextblock) {
      if (item.nodeName === 'hardBreak') target.push(element);
      else pushChildren(steps, item, target, depth + 1, true);
    } else if (item.toArray().some((child) => child instanceof Y.XmlText)) {
      target.push(element);
      pushChildren(steps, item, element.content, depth + 1, true);
    } else {
      pushChildren(steps, item, target, depth + 1, false);
    }
  }
  return tree;
}

function pushChildren(steps: ReadStep[], parent: Y.XmlFragment | Y.XmlElement, target: TranscriptNode[], depth: number, inDeepTextblock: boolean): void {
  const children = parent.toArray();
  for (let index = children.length - 1; index >= 0; index -= 1) {
    steps.push({ item: children[index] as Y.XmlElement | Y.XmlText | Y.XmlHook, target, depth, inDeepTextblock });
  }
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
