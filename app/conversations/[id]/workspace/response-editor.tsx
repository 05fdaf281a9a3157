'use client';

import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useId, useState } from 'react';
import type * as Y from 'yjs';
import { describeWordCount, type WordLimits } from '@/lib/activities/word-limits';
import { ResponseBoundsGuard } from '@/lib/editor/response-bounds-guard';
import { responseExtensions } from '@/lib/editor/response-extensions';
import { TextInEmptyBlocks } from '@/lib/editor/text-in-empty-blocks';
import { documentLayout } from '@/lib/sync/document-layout';
import { responseWordCount } from '@/lib/sync/response-text';

export interface ResponseEditorProps {
  /** The conversation's live document, the one the transcript editor is bound to. */
  doc: Y.Doc;
  /** Whether this person may write (the same permission as the transcript's). */
  editable: boolean;
  /** The activity's word limits; null when it sets none. */
  limits: WordLimits | null;
  /** Told the response's word count whenever it changes (and once at first). */
  onWordCountChange?: (words: number) => void;
  /** The label drawn above the editor. */
  label?: string;
  /** The id of an element that labels the editor already (a section's heading): then no label is drawn. */
  labelledBy?: string;
}

/** How often, at most, the word count is taken again while someone types: counting is linear in the response. */
const RECOUNT_EVERY_MS = 400;

/**
 * A workspace's written response, bound to the `response` root of the same Yjs document as
 * the transcript (no carets: those belong to the transcript), with its word count against
 * the activity's limits below it, as submission checks it.
 */
export function ResponseEditor({ doc, editable, limits, onWordCountChange, label = 'Your response', labelledBy }: ResponseEditorProps) {
  const ownLabelId = useId();
  const countId = useId();
  const labelId = labelledBy ?? ownLabelId;
  const [refusal, setRefusal] = useState<string | null>(null);
  const words = useResponseWordCount(doc);
  const description = describeWordCount(words, limits);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...responseExtensions({ history: false }),
        Collaboration.configure({ document: doc, field: documentLayout.response }),
        TextInEmptyBlocks,
        ResponseBoundsGuard.configure({ onRefused: setRefusal }),
      ],
      editorProps: {
        attributes: {
          class: 'response-editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-describedby': countId,
        },
      },
      onUpdate: () => setRefusal(null),
    },
    [doc],
  );

  useEffect(() => {
    editor?.setEditable(editable);
    if (editor) editor.view.dom.setAttribute('aria-readonly', String(!editable));
  }, [editor, editable]);

  useEffect(() => {
    onWordCountChange?.(words);
  }, [words, onWordCountChange]);

  return (
    <div className="response-editor-area">
      {!labelledBy && (
        <p className="response-editor-label" id={ownLabelId}>
          {label}
        </p>
      )}
      {editable && editor && <FormattingToolbar editor={editor} />}
      <EditorContent editor={editor} className="response-editor-host" />
      {refusal && (
        <p className="notice notice-error response-editor-refusal" role="alert">
          {refusal}
        </p>
      )}
      <p id={countId} className={`response-word-count response-word-count-${description.tone}`} aria-live="polite" aria-atomic="true" data-testid="response-word-count">
        {description.text}
      </p>
    </div>
  );
}

/** The response's word count, taken again (at most every `RECOUNT_EVERY_MS`) whenever anyone changes it. */
function useResponseWordCount(doc: Y.Doc): number {
  const [words, setWords] = useState(() => responseWordCount(doc));
  useEffect(() => {
    const response = doc.getXmlFragment(documentLayout.response);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const recount = () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        setWords(responseWordCount(doc));
      }, RECOUNT_EVERY_MS);
    };
    setWords(responseWordCount(doc));
    response.observeDeep(recount);
    return () => {
      response.unobserveDeep(recount);
      clearTimeout(pending);
    };
  }, [doc]);
  return words;
}

const formats = [
  { name: 'Bold', shortcut: 'Ctrl+B', isActive: (editor: Editor) => editor.isActive('bold'), apply: (editor: Editor) => editor.chain().focus().toggleBold().run() },
  { name: 'Italic', shortcut: 'Ctrl+I', isActive: (editor: Editor) => editor.isActive('italic'), apply: (editor: Editor) => editor.chain().focus().toggleItalic().run() },
  { name: 'Heading', shortcut: '## ', isActive: (editor: Editor) => editor.isActive('heading'), apply: (editor: Editor) => editor.chain().focus().toggleHeading({ level: 2 }).run() },
  { name: 'Bulleted list', shortcut: '- ', isActive: (editor: Editor) => editor.isActive('bulletList'), apply: (editor: Editor) => editor.chain().focus().toggleBulletList().run() },
  { name: 'Numbered list', shortcut: '1. ', isActive: (editor: Editor) => editor.isActive('orderedList'), apply: (editor: Editor) => editor.chain().focus().toggleOrderedList().run() },
  { name: 'Quote', shortcut: '> ', isActive: (editor: Editor) => editor.isActive('blockquote'), apply: (editor: Editor) => editor.chain().focus().toggleBlockquote().run() },
] as const;

/** Buttons for the formats, each showing whether the selection has it; the keyboard shortcuts and Markdown-like typing work too. */
function FormattingToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({ editor, selector: ({ editor: current }) => formats.map((format) => format.isActive(current)) });
  return (
    <div className="response-toolbar" role="toolbar" aria-label="Format the response">
      {formats.map((format, index) => (
        <button
          key={format.name}
          type="button"
          className="response-tool"
          aria-pressed={active[index] ?? false}
          title={`${format.name} (${format.shortcut.trim()})`}
          // Keep the selection in the editor while the button is pressed.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => format.apply(editor)}
        >
          {format.name}
        </button>
      ))}
    </div>
  );
}
