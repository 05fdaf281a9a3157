// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import { documentPlainText } from '@/lib/sync/document-text';
import { responsePlainText, responseWordCount } from '@/lib/sync/response-text';
import { measureResponse } from '@/lib/sync/transcript-extent';
import { paragraph } from '@/lib/testing/document-builders';
import { ResponseBoundsGuard, responseBoundPassed, responseExtentOf } from './response-bounds-guard';
import { responseExtensions } from './response-extensions';
import { TextInEmptyBlocks } from './text-in-empty-blocks';

/** The response editor as the page makes it (response-editor.tsx), without React. */
const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function responseEditor(doc: Y.Doc, refusals: string[] = []): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({
    element,
    extensions: [
      ...responseExtensions({ history: false }),
      Collaboration.configure({ document: doc, field: documentLayout.response }),
      TextInEmptyBlocks,
      ResponseBoundsGuard.configure({ onRefused: (reason) => refusals.push(reason) }),
    ],
  });
  editors.push(editor);
  return editor;
}

const { maxTextCharacters } = limits.document.response;

describe('the response editor', () => {
  test('writes rich text into the response root, not the transcript, and counts it as the server does', () => {
    const doc = new Y.Doc();
    const editor = responseEditor(doc);
    editor.commands.setContent('<h2>My critique</h2><p>It <strong>invented</strong> a source.</p><ul><li><p>No date</p><ul><li><p>nested point</p></li></ul></li></ul><blockquote><p>quoted, well-known</p></blockquote>');
    expect(responsePlainText(doc)).toBe('My critique\nIt invented a source.\nNo date\nnested point\nquoted, well-known');
    expect(responseWordCount(doc)).toBe(12);
    expect(documentPlainText(doc)).toBe('');
    // The guard measures the editor's document in the server's terms.
    const server = measureResponse(doc);
    expect(responseExtentOf(editor.state.doc)).toEqual({ depth: server.depth - 1, elements: server.elements, characters: server.textCharacters });
  });

  test('refuses a paste past the character bound, and says why; typing within it goes on', () => {
    const doc = new Y.Doc();
    const refusals: string[] = [];
    const editor = responseEditor(doc, refusals);
    editor.commands.insertContent('x'.repeat(maxTextCharacters - 10));
    editor.commands.insertContent('y'.repeat(11));
    expect(measureResponse(doc).textCharacters).toBe(maxTextCharacters - 10);
    expect(refusals).toEqual([`A response can hold at most ${maxTextCharacters.toLocaleString('en')} characters; that change was not made.`]);
    editor.commands.insertContent('y'.repeat(10));
    expect(measureResponse(doc).textCharacters).toBe(maxTextCharacters);
  });

  test('others’ changes past the bound still reach the editor, which never parts from the document', () => {
    const doc = new Y.Doc();
    const editor = responseEditor(doc);
    doc.getXmlFragment(documentLayout.response).insert(0, [paragraph('z'.repeat(maxTextCharacters + 1))]);
    expect(editor.state.doc.textContent.length).toBe(maxTextCharacters + 1);
    // Deleting from an over-full response is always allowed.
    editor.commands.deleteRange({ from: 1, to: 11 });
    expect(measureResponse(doc).textCharacters).toBe(maxTextCharacters - 9);
  });
});

describe('responseBoundPassed', () => {
  const bounds = { maxNestingDepth: 3, maxElements: 10, maxTextCharacters: 100 };
  test('names the bound a growing change passes, and lets a shrinking one through', () => {
    const within = { depth: 3, elements: 10, characters: 100 };
    expect(responseBoundPassed(within, within, bounds)).toBeNull();
    expect(responseBoundPassed(within, { ...within, characters: 101 }, bounds)).toMatch(/at most 100 characters/);
    expect(responseBoundPassed(within, { ...within, elements: 11 }, bounds)).toMatch(/at most 10 paragraphs/);
    expect(responseBoundPassed(within, { ...within, depth: 4 }, bounds)).toMatch(/nest at most 3 deep/);
    const over = { depth: 9, elements: 50, characters: 500 };
    expect(responseBoundPassed(over, { depth: 8, elements: 49, characters: 499 }, bounds)).toBeNull();
  });
});
