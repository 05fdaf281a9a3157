import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { limits } from '@/lib/limits';

/** The response's size as the live-sync server counts it (`limits.document.response`). */
export interface ResponseExtent {
  /** Deepest element (a top-level paragraph is 1; text is not a level). */
  depth: number;
  /** Elements, each textblock's text counting as one more (its `Y.XmlText`, which even an empty one has: see text-in-empty-blocks.ts). */
  elements: number;
  characters: number;
}

/** `limits.document.response`, its numbers widened (tests pass smaller ones). */
export type ResponseBounds = { [K in keyof typeof limits.document.response]: number };

/** Measures an editor document with a stack of its own, in the server's terms. */
export function responseExtentOf(doc: ProseMirrorNode): ResponseExtent {
  const extent: ResponseExtent = { depth: 0, elements: 0, characters: 0 };
  const pending: Array<{ node: ProseMirrorNode; depth: number }> = [];
  doc.forEach((node) => pending.push({ node, depth: 1 }));
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (node.isText) {
      extent.characters += node.text!.length;
      continue;
    }
    extent.elements += 1;
    extent.depth = Math.max(extent.depth, depth);
    if (node.isTextblock) extent.elements += 1;
    node.forEach((child) => pending.push({ node: child, depth: depth + 1 }));
  }
  return extent;
}

/** Why going from `before` to `after` passes a bound that `before` kept (null when it does not). A change that shrinks an over-full response is always let through. */
export function responseBoundPassed(before: ResponseExtent, after: ResponseExtent, bounds: ResponseBounds = limits.document.response): string | null {
  if (after.characters > bounds.maxTextCharacters && after.characters > before.characters) {
    return `A response can hold at most ${bounds.maxTextCharacters.toLocaleString('en')} characters; that change was not made.`;
  }
  if (after.elements > bounds.maxElements && after.elements > before.elements) {
    return `A response can have at most ${bounds.maxElements.toLocaleString('en')} paragraphs, list items and other blocks; that change was not made.`;
  }
  if (after.depth > bounds.maxNestingDepth && after.depth > before.depth) {
    return `Lists and quotes in a response can nest at most ${bounds.maxNestingDepth} deep; that change was not made.`;
  }
  return null;
}

/**
 * Refuses, in the page, a change of this editor's own (typing, a paste) that the server
 * would refuse (4413): without it, a long paste would close the connection and the page
 * would start again from the server's copy. Others' changes (from Yjs) always pass, so
 * the editor never parts from the document. `onRefused` says why, for the page to show.
 */
export const ResponseBoundsGuard = Extension.create<{ onRefused: (reason: string) => void }>({
  name: 'responseBoundsGuard',
  addOptions() {
    return { onRefused: () => undefined };
  },
  addProseMirrorPlugins() {
    const { onRefused } = this.options;
    return [
      new Plugin({
        key: new PluginKey('responseBoundsGuard'),
        filterTransaction: (transaction, state) => {
          if (!transaction.docChanged || isChangeOrigin(transaction)) return true;
          const reason = responseBoundPassed(responseExtentOf(state.doc), responseExtentOf(transaction.doc));
          if (reason) onRefused(reason);
          return reason === null;
        },
      }),
    ];
  },
});
