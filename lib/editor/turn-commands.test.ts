// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { TextSelection } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentLayout, turnElement } from '@/lib/sync/document-layout';
import { transcriptExtensions } from './transcript-extensions';
import { otherSpeaker, TurnEditing } from './turn-commands';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** An editor with the transcript's schema and the turn commands, holding `html` (turns as `<section data-turn data-role>`). */
function editorWith(html: string): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({ element, extensions: [...transcriptExtensions(), TurnEditing], content: html });
  editors.push(editor);
  return editor;
}

const turn = (role: string, ...blocks: string[]) => `<section data-turn data-role="${role}">${blocks.join('')}</section>`;

/** The transcript as [role, text of each block] per turn. */
function turnsOf(editor: Editor): Array<[string, string[]]> {
  const turns: Array<[string, string[]]> = [];
  editor.state.doc.forEach((node) => {
    const blocks: string[] = [];
    node.forEach((block) => blocks.push(block.textContent));
    turns.push([node.attrs.role as string, blocks]);
  });
  return turns;
}

/** Puts the cursor `offset` characters into the first occurrence of `text`. */
function cursorIn(editor: Editor, text: string, offset = 0): void {
  let found: number | null = null;
  editor.state.doc.descendants((node, position) => {
    if (found !== null) return false;
    if (node.isText && node.text!.includes(text)) found = position + node.text!.indexOf(text) + offset;
  });
  if (found === null) throw new Error(`no ${text} in the document`);
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, found)));
}

/** Types `text` a character at a time as a keyboard does: input rules see each character. */
function type(editor: Editor, text: string): void {
  for (const character of text) {
    const { from, to } = editor.state.selection;
    const insert = () => editor.state.tr.insertText(character, from, to);
    const handled = editor.view.someProp('handleTextInput', (handle) => handle(editor.view, from, to, character, insert));
    if (!handled) editor.view.dispatch(insert());
  }
}

/** The text of the block holding the cursor, and the cursor's offset in it. */
function cursorBlock(editor: Editor): { role: string; text: string; offset: number } {
  const { $from } = editor.state.selection;
  return { role: $from.node(1).attrs.role as string, text: $from.parent.textContent, offset: $from.parentOffset };
}

describe('changing a turn’s speaker', () => {
  it('sets the role of the turn holding the cursor, or of the turn at a position; an unknown role is refused', () => {
    const editor = editorWith(turn('user', '<p>Hello</p>') + turn('assistant', '<p>Hi there</p>'));
    cursorIn(editor, 'Hello');
    expect(editor.commands.setTurnRole('system')).toBe(true);
    expect(turnsOf(editor).map(([role]) => role)).toEqual(['system', 'assistant']);
    const secondTurn = editor.state.doc.child(0).nodeSize;
    expect(editor.commands.setTurnRole('user', secondTurn)).toBe(true);
    expect(turnsOf(editor).map(([role]) => role)).toEqual(['system', 'user']);
    expect(editor.commands.setTurnRole('hacker' as never)).toBe(false);
    expect(editor.commands.setTurnRole('user', 3)).toBe(false);
    expect(turnsOf(editor).map(([role]) => role)).toEqual(['system', 'user']);
  });
});

describe('splitting a turn at the cursor', () => {
  it('inside a paragraph: the text after the cursor and the blocks after it make a turn of the other speaker, the cursor at its start', () => {
    const editor = editorWith(turn('user', '<p>What is 2 + 2? Four.</p>', '<p>Thanks</p>') + turn('assistant', '<p>Welcome</p>'));
    cursorIn(editor, 'Four.');
    expect(editor.commands.splitTurn()).toBe(true);
    expect(turnsOf(editor)).toEqual([
      ['user', ['What is 2 + 2? ']],
      ['assistant', ['Four.', 'Thanks']],
      ['assistant', ['Welcome']],
    ]);
    expect(cursorBlock(editor)).toEqual({ role: 'assistant', text: 'Four.', offset: 0 });
  });

  it('at the start or the end of a paragraph: between the blocks, leaving no empty paragraph', () => {
    const atStart = editorWith(turn('assistant', '<p>One</p>', '<p>Two</p>', '<p>Three</p>'));
    cursorIn(atStart, 'Two');
    atStart.commands.splitTurn();
    expect(turnsOf(atStart)).toEqual([
      ['assistant', ['One']],
      ['user', ['Two', 'Three']],
    ]);
    expect(cursorBlock(atStart)).toEqual({ role: 'user', text: 'Two', offset: 0 });

    const atEnd = editorWith(turn('user', '<p>One</p>', '<p>Two</p>'));
    cursorIn(atEnd, 'One', 3);
    atEnd.commands.splitTurn();
    expect(turnsOf(atEnd)).toEqual([
      ['user', ['One']],
      ['assistant', ['Two']],
    ]);
  });

  it('at the end of a turn: a new empty turn of the other speaker to type the reply into', () => {
    const editor = editorWith(turn('user', '<p>Question</p>'));
    cursorIn(editor, 'Question', 8);
    editor.commands.splitTurn();
    expect(turnsOf(editor)).toEqual([
      ['user', ['Question']],
      ['assistant', ['']],
    ]);
    expect(cursorBlock(editor)).toEqual({ role: 'assistant', text: '', offset: 0 });
  });

  it('inside a list: the list splits with the turn; a selection is deleted first; Mod-Shift-Enter splits', () => {
    const editor = editorWith(turn('assistant', '<ul><li><p>apples</p></li><li><p>pears</p></li></ul>'));
    cursorIn(editor, 'pears');
    editor.commands.splitTurn();
    expect(turnsOf(editor)).toEqual([
      ['assistant', ['apples']],
      ['user', ['pears']],
    ]);
    expect(editor.state.doc.child(1).child(0).type.name).toBe('bulletList');

    const selected = editorWith(turn('user', '<p>keep DROP rest</p>'));
    cursorIn(selected, 'DROP ');
    const from = selected.state.selection.from;
    selected.view.dispatch(selected.state.tr.setSelection(TextSelection.create(selected.state.doc, from, from + 5)));
    selected.commands.splitTurn();
    expect(turnsOf(selected)).toEqual([
      ['user', ['keep ']],
      ['assistant', ['rest']],
    ]);

    const byKey = editorWith(turn('user', '<p>Hi. Hello!</p>'));
    cursorIn(byKey, 'Hello');
    byKey.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, ...(/Mac|iPhone|iPad/.test(navigator.platform) ? { metaKey: true } : { ctrlKey: true }), bubbles: true }));
    expect(turnsOf(byKey)).toEqual([
      ['user', ['Hi. ']],
      ['assistant', ['Hello!']],
    ]);
  });

  it('the second speaker answers the first: user and assistant alternate, a system prompt is followed by the user', () => {
    expect(otherSpeaker('user')).toBe('assistant');
    expect(otherSpeaker('assistant')).toBe('user');
    expect(otherSpeaker('system')).toBe('user');
  });
});

describe('merging a turn with the next', () => {
  it('joins the next turn’s blocks to this one, keeping this one’s speaker; the last turn has nothing to merge', () => {
    const editor = editorWith(turn('user', '<p>First</p>') + turn('assistant', '<p>Second</p>', '<p>More</p>') + turn('user', '<p>Third</p>'));
    cursorIn(editor, 'First');
    expect(editor.commands.mergeTurnWithNext()).toBe(true);
    expect(turnsOf(editor)).toEqual([
      ['user', ['First', 'Second', 'More']],
      ['user', ['Third']],
    ]);
    cursorIn(editor, 'Third');
    expect(editor.commands.mergeTurnWithNext()).toBe(false);
    expect(editor.commands.mergeTurnWithNext(0)).toBe(true);
    expect(turnsOf(editor)).toEqual([['user', ['First', 'Second', 'More', 'Third']]]);
  });
});

describe('adding a turn', () => {
  it('appends an empty turn of the chosen speaker and puts the cursor in it', () => {
    const editor = editorWith(turn('user', '<p>Question</p>'));
    expect(editor.commands.appendTurn('assistant')).toBe(true);
    type(editor, '4');
    expect(turnsOf(editor)).toEqual([
      ['user', ['Question']],
      ['assistant', ['4']],
    ]);
  });
});

describe('typing a speaker at the start of a paragraph', () => {
  it('in a blank conversation, "Assistant: 4" makes the turn the assistant’s, without the marker', () => {
    const editor = editorWith(turn('user', '<p></p>'));
    editor.commands.setTextSelection(2);
    type(editor, 'Assistant: 4');
    expect(turnsOf(editor)).toEqual([['assistant', ['4']]]);
  });

  it('further in a turn, starts a new turn of that speaker there, in any case and for the import’s names', () => {
    const editor = editorWith(turn('user', '<p>What is 2 + 2?</p>'));
    cursorIn(editor, '?', 1);
    editor.commands.splitBlock();
    type(editor, 'assistant: 4');
    editor.commands.splitBlock();
    type(editor, 'Human: thanks');
    editor.commands.splitBlock();
    type(editor, 'CLAUDE : welcome');
    expect(turnsOf(editor)).toEqual([
      ['user', ['What is 2 + 2?']],
      ['assistant', ['4']],
      ['user', ['thanks']],
      ['assistant', ['welcome']],
    ]);
  });

  it('is only a marker at the start of a paragraph of the turn: not mid-sentence, in a list, in code, or for "A:"', () => {
    const editor = editorWith(turn('user', '<p>Note</p>', '<ul><li><p>x</p></li></ul>', '<pre><code>y</code></pre>', '<p>z</p>'));
    cursorIn(editor, 'Note', 4);
    type(editor, ' to the User: ');
    cursorIn(editor, 'x', 0);
    type(editor, 'Assistant: ');
    cursorIn(editor, 'y', 0);
    type(editor, 'System: ');
    cursorIn(editor, 'z', 0);
    type(editor, 'A: ');
    expect(turnsOf(editor)).toEqual([['user', ['Note to the User: ', 'Assistant: x', 'System: y', 'A: z']]]);
  });
});

describe('with live sync', () => {
  it('a speaker change, a split and a merge reach another editor on the same document', () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    first.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(second, update, 'remote'));
    second.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(first, update, 'remote'));
    const bound = (doc: Y.Doc) => {
      const element = document.createElement('div');
      document.body.append(element);
      const editor = new Editor({ element, extensions: [...transcriptExtensions({ history: false }), Collaboration.configure({ document: doc, field: documentLayout.content }), TurnEditing] });
      editors.push(editor);
      return editor;
    };
    const a = bound(first);
    const b = bound(second);
    a.commands.setTextSelection(2);
    type(a, 'Hello. Bye.');
    a.commands.setTurnRole('system');
    cursorIn(a, 'Bye');
    a.commands.splitTurn();
    expect(turnsOf(b)).toEqual([
      ['system', ['Hello. ']],
      ['user', ['Bye.']],
    ]);
    const roles = second
      .getXmlFragment(documentLayout.content)
      .toArray()
      .map((node) => (node as Y.XmlElement).getAttribute(turnElement.roleAttribute));
    expect(roles).toEqual(['system', 'user']);
    b.commands.mergeTurnWithNext(0);
    expect(turnsOf(a)).toEqual([['system', ['Hello. ', 'Bye.']]]);
  });
});
