import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { thoughtProcessLabel } from './thought-process-label';

/**
 * A model's reasoning, imported as a blockquote headed "Thought process", can be collapsed to
 * its heading and expanded again with a button beside the heading (`aria-expanded`, reached
 * with Tab, pressed with Enter or Space). Long ones start collapsed. Collapsing is this
 * editor's view only: decorations, never a change to the document, so nobody else sees it and
 * a read-only reader can use it too.
 */

/** Reasoning longer than this (characters, heading included) starts collapsed. */
export const collapsedByDefaultCharacters = 400;

export const thoughtProcessKey = new PluginKey<ThoughtProcessState>('thoughtProcess');

interface ThoughtProcessState {
  /**
   * The reasoning shown otherwise than by default, by identity (`identityOf`). Not by
   * position: the live binding replaces the whole document on a remote change, and a mapped
   * position would not survive that.
   */
  toggled: ReadonlySet<string>;
  decorations: DecorationSet;
}

/** What names a reasoning across changes: the start of its text (two alike toggle together). */
function identityOf(node: ProseMirrorNode): string {
  return node.textContent.slice(0, 160);
}

/** A blockquote whose first block is the "Thought process" heading. */
export function isThoughtProcess(node: ProseMirrorNode): boolean {
  const heading = node.firstChild;
  return node.type.name === 'blockquote' && node.childCount > 1 && heading?.type.name === 'paragraph' && heading.textContent.trim() === thoughtProcessLabel;
}

/** The reasoning blockquotes of a transcript (those directly in a turn), with their positions. */
export function thoughtProcesses(doc: ProseMirrorNode): Array<{ node: ProseMirrorNode; position: number }> {
  const found: Array<{ node: ProseMirrorNode; position: number }> = [];
  doc.forEach((turn, turnOffset) => {
    turn.forEach((block, offset) => {
      if (isThoughtProcess(block)) found.push({ node: block, position: turnOffset + 1 + offset });
    });
  });
  return found;
}

function collapsedIn(node: ProseMirrorNode, toggled: ReadonlySet<string>): boolean {
  return (node.textContent.length > collapsedByDefaultCharacters) !== toggled.has(identityOf(node));
}

/** Whether the reasoning blockquote at `position` is collapsed in this editor. */
export function isCollapsed(state: EditorState, position: number): boolean {
  const node = state.doc.nodeAt(position);
  return node ? collapsedIn(node, thoughtProcessKey.getState(state)?.toggled ?? new Set()) : false;
}

function decorationsFor(doc: ProseMirrorNode, toggled: ReadonlySet<string>): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [index, { node, position }] of thoughtProcesses(doc).entries()) {
    const collapsed = collapsedIn(node, toggled);
    decorations.push(Decoration.node(position, position + node.nodeSize, { class: collapsed ? 'thought-process thought-collapsed' : 'thought-process' }));
    const headingEnd = position + 1 + (node.firstChild as ProseMirrorNode).nodeSize - 1;
    decorations.push(
      Decoration.widget(headingEnd, (view) => toggleButton(view, index, identityOf(node), collapsed), {
        side: 1,
        ignoreSelection: true,
        stopEvent: () => true,
        key: `thought-${index}-${collapsed}`,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function toggleButton(view: EditorView, index: number, identity: string, collapsed: boolean): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'thought-toggle';
  button.contentEditable = 'false';
  button.setAttribute('aria-expanded', String(!collapsed));
  button.textContent = collapsed ? 'Show' : 'Hide';
  // Its name says what it shows or hides; `aria-expanded` says which.
  button.setAttribute('aria-label', `${thoughtProcessLabel}: ${collapsed ? 'show' : 'hide'}`);
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', () => {
    view.dispatch(view.state.tr.setMeta(thoughtProcessKey, { toggle: identity }).setMeta('addToHistory', false));
    // The button is drawn again; keep the keyboard on it.
    requestAnimationFrame(() => (view.dom.querySelector(`[data-thought-index="${index}"]`) as HTMLElement | null)?.focus());
  });
  button.dataset.thoughtIndex = String(index);
  return button;
}

/** Collapses the reasoning at `position` if it is expanded, else expands it (this editor only). */
export function toggleThoughtProcess(tr: Transaction, position: number): Transaction {
  const node = tr.doc.nodeAt(position);
  return node ? tr.setMeta(thoughtProcessKey, { toggle: identityOf(node) }).setMeta('addToHistory', false) : tr;
}

export const ThoughtProcess = Extension.create({
  name: 'thoughtProcess',
  addProseMirrorPlugins() {
    return [
      new Plugin<ThoughtProcessState>({
        key: thoughtProcessKey,
        state: {
          init: (_, state) => ({ toggled: new Set(), decorations: decorationsFor(state.doc, new Set()) }),
          apply: (tr, previous, _, state) => {
            const meta = tr.getMeta(thoughtProcessKey) as { toggle: string } | undefined;
            if (!tr.docChanged && !meta) return previous;
            const toggled = new Set(previous.toggled);
            if (meta) {
              if (toggled.has(meta.toggle)) toggled.delete(meta.toggle);
              else toggled.add(meta.toggle);
            }
            return { toggled, decorations: decorationsFor(state.doc, toggled) };
          },
        },
        props: {
          decorations: (state) => thoughtProcessKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
