// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collapsedByDefaultCharacters, isCollapsed, thoughtProcesses, ThoughtProcess, toggleThoughtProcess } from './thought-process';
import { transcriptExtensions } from './transcript-extensions';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function editorWith(html: string, editable = true): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({ element, editable, extensions: [...transcriptExtensions(), ThoughtProcess], content: html });
  editors.push(editor);
  return editor;
}

const reasoning = (text: string) => `<blockquote><p><strong>Thought process</strong></p><p>${text}</p></blockquote>`;
const assistant = (...blocks: string[]) => `<section data-turn data-role="assistant">${blocks.join('')}</section>`;

describe('collapsible "Thought process" blocks', () => {
  it('a long one starts collapsed, a short one expanded; each has a button saying so; other quotes have none', () => {
    const long = 'Let me think. '.repeat(Math.ceil(collapsedByDefaultCharacters / 10));
    const editor = editorWith(assistant(reasoning(long), '<p>Answer.</p>', '<blockquote><p>A quote</p></blockquote>', reasoning('Short.')));
    const [first, second] = thoughtProcesses(editor.state.doc);
    expect(thoughtProcesses(editor.state.doc)).toHaveLength(2);
    expect(isCollapsed(editor.state, first!.position)).toBe(true);
    expect(isCollapsed(editor.state, second!.position)).toBe(false);
    const buttons = [...editor.view.dom.querySelectorAll('button.thought-toggle')];
    expect(buttons.map((button) => button.getAttribute('aria-expanded'))).toEqual(['false', 'true']);
    expect(editor.view.dom.querySelectorAll('blockquote.thought-collapsed')).toHaveLength(1);
  });

  it('toggling is a view state: the document does not change, and it works in a read-only editor', () => {
    const editor = editorWith(assistant(reasoning('Short.'), '<p>Answer.</p>'), false);
    const before = editor.state.doc.toJSON();
    const [block] = thoughtProcesses(editor.state.doc);
    (editor.view.dom.querySelector('button.thought-toggle') as HTMLButtonElement).click();
    expect(isCollapsed(editor.state, block!.position)).toBe(true);
    expect(editor.view.dom.querySelector('button.thought-toggle')?.getAttribute('aria-expanded')).toBe('false');
    expect(editor.state.doc.toJSON()).toEqual(before);
    editor.view.dispatch(toggleThoughtProcess(editor.state.tr, block!.position));
    expect(isCollapsed(editor.state, block!.position)).toBe(false);
  });

  it('stays collapsed or expanded as the text around it changes', () => {
    const editor = editorWith(assistant('<p>Intro</p>', reasoning('Short.'), '<p>Answer.</p>'));
    editor.view.dispatch(toggleThoughtProcess(editor.state.tr, thoughtProcesses(editor.state.doc)[0]!.position));
    editor.commands.insertContentAt(3, 'More intro ');
    expect(isCollapsed(editor.state, thoughtProcesses(editor.state.doc)[0]!.position)).toBe(true);
  });
});
