import { Extension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Why two people typing into the same empty paragraph scrambled each other's text, and the fix.
 *
 * The editor binding (@tiptap/y-tiptap, a fork of y-prosemirror) stores a paragraph's text in
 * a `Y.XmlText` child, and an empty paragraph has none: the first character typed creates it.
 * Typed at once by two people, that makes two sibling `Y.XmlText`s, one each. When the binding
 * next renders the paragraph, the owner of the second one moves its text into the first and
 * deletes its own (its fix for yjs/y-prosemirror#161, "Some text is duplicated when two users
 * concurrently make changes at the beginning of the same line"): that owner's caret, anchored
 * to the characters just deleted, falls back before them, so its next characters go in front of
 * its first ("0123456789bcdefghija" for "abcdefghij" and "0123456789"), and when both sides
 * move text at once a character can be doubled. Yjs keeps concurrent insertions into one
 * `Y.XmlText` whole and in order; the trouble is only that there were two.
 *
 * So no empty textblock is ever without its `Y.XmlText`: when this editor makes one (Enter, a
 * paste), an empty `Y.XmlText` goes in with it, in the same Yjs transaction, so no one ever sees
 * the paragraph without it; empty textblocks that come from elsewhere (a document made on the
 * server, an old one) get theirs when this editor first sees them. The binding keeps a lone
 * empty `Y.XmlText` as it is (it already leaves one behind when a paragraph's text is deleted),
 * and types into it. Two editors adding one to the same paragraph at once is harmless: the first
 * typing deletes the second while both are still empty.
 */

/** The origin of the changes this extension makes on its own, so the undo manager leaves them out. */
export const emptyBlockTextOrigin = Symbol('empty-block-text');

/** Gives every empty textblock under `root` an empty `Y.XmlText`; answers how many it gave one. */
export function giveEmptyTextblocksText(root: Y.XmlFragment | Y.XmlElement, schema: Schema): number {
  let given = 0;
  const pending: Array<Y.XmlFragment | Y.XmlElement> = [root];
  // Iterative: a document can nest deeply.
  for (let element = pending.pop(); element; element = pending.pop()) {
    if (giveTextIfEmptyTextblock(element, schema)) given++;
    for (const child of element.toArray()) if (child instanceof Y.XmlElement) pending.push(child);
  }
  return given;
}

/**
 * The same, for what one transaction changed: the elements whose children changed, and the
 * elements it created (searched whole). The cost follows the change, not the document.
 */
function giveChangedTextblocksText(transaction: Y.Transaction, schema: Schema): void {
  const createdHere = (element: Y.XmlElement) => {
    const id = element._item?.id;
    return !!id && id.clock >= (transaction.beforeState.get(id.client) ?? 0);
  };
  for (const type of transaction.changed.keys()) {
    // The transcript's root and its elements (not the annotations' maps, nor text).
    if (!(type instanceof Y.XmlFragment) || type._item?.deleted) continue;
    giveTextIfEmptyTextblock(type, schema);
    for (const child of type.toArray()) if (child instanceof Y.XmlElement && createdHere(child)) giveEmptyTextblocksText(child, schema);
  }
}

function giveTextIfEmptyTextblock(element: Y.XmlFragment | Y.XmlElement, schema: Schema): boolean {
  if (!(element instanceof Y.XmlElement) || element.length > 0 || !schema.nodes[element.nodeName]?.isTextblock) return false;
  element.insert(0, [new Y.XmlText()]);
  return true;
}

interface SyncBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mux: (change: () => void) => void;
  _prosemirrorChanged: (doc: unknown) => void;
}

/**
 * The editor extension (after Collaboration): it keeps the rule above for this editor's own
 * changes (inside the binding's transaction) and for everything else it sees.
 */
export const TextInEmptyBlocks = Extension.create({
  name: 'textInEmptyBlocks',
  addProseMirrorPlugins() {
    const schema = this.editor.schema;
    return [
      new Plugin({
        key: new PluginKey('textInEmptyBlocks'),
        view: (view) => {
          const binding = (ySyncPluginKey.getState(view.state) as { binding?: SyncBinding } | undefined)?.binding;
          if (!binding) return {};
          const { doc } = binding;
          // This editor's changes: the binding writes them in one transaction; ours join it.
          const writeEditorChange = binding._prosemirrorChanged.bind(binding);
          binding._prosemirrorChanged = (pmDoc) =>
            doc.transact((transaction) => {
              writeEditorChange(pmDoc);
              giveChangedTextblocksText(transaction, schema);
            }, ySyncPluginKey);
          // Everything else (others' changes, restored versions): a change of our own after it,
          // which changes nothing the editor shows, so the binding need not redraw for it. A
          // read-only editor writes nothing (the server would drop it); it catches up when it
          // becomes editable.
          const giveAll = () => binding.mux(() => doc.transact(() => giveEmptyTextblocksText(binding.type, schema), emptyBlockTextOrigin));
          const onTransaction = (transaction: Y.Transaction) => {
            if (!view.editable || transaction.origin === ySyncPluginKey || transaction.origin === emptyBlockTextOrigin) return;
            if (![...transaction.changed.keys()].some((type) => type instanceof Y.XmlFragment)) return;
            binding.mux(() => doc.transact(() => giveChangedTextblocksText(transaction, schema), emptyBlockTextOrigin));
          };
          doc.on('afterTransaction', onTransaction);
          let editable = view.editable;
          if (editable) giveAll();
          return {
            update: (updated) => {
              if (updated.editable && !editable) giveAll();
              editable = updated.editable;
            },
            destroy: () => {
              doc.off('afterTransaction', onTransaction);
              binding._prosemirrorChanged = writeEditorChange;
            },
          };
        },
      }),
    ];
  },
});
