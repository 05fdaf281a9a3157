'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useMemo } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { TextInEmptyBlocks } from '@/lib/editor/text-in-empty-blocks';
import { ThoughtProcess } from '@/lib/editor/thought-process';
import { transcriptExtensions } from '@/lib/editor/transcript-extensions';
import { isTurnRole, TurnEditing } from '@/lib/editor/turn-commands';
import { documentLayout } from '@/lib/sync/document-layout';
import { AddTurnControl, TurnControlsContext, TurnWithControls } from './turn-view';

interface TranscriptEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: { id: string; name: string; color: string; role: string };
  editable: boolean;
  onEditor: (editor: Editor | null) => void;
}

/** The transcript, bound to the shared document: everyone's edits and carets, live. */
export function TranscriptEditor({ doc, provider, user, editable, onEditor }: TranscriptEditorProps) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        // The same schema, its turns drawn with their controls (speaker, split, merge).
        ...transcriptExtensions({ history: false }).map((extension) => (extension.name === TurnWithControls.name ? TurnWithControls : extension)),
        TurnEditing,
        ThoughtProcess,
        Collaboration.configure({ document: doc, field: documentLayout.content }),
        // Two people typing into one empty paragraph at once keep their text whole (see the file).
        TextInEmptyBlocks,
        CollaborationCaret.configure({ provider, user: { id: user.id, name: user.name, color: user.color, role: user.role } }),
      ],
      editorProps: {
        attributes: {
          class: 'transcript-editor',
          'aria-label': 'Transcript',
          'aria-multiline': 'true',
          role: 'textbox',
        },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    editor?.setEditable(editable);
    if (editor) editor.view.dom.setAttribute('aria-readonly', String(!editable));
  }, [editor, editable]);

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  const lastRole = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const role: unknown = current?.state.doc.lastChild?.attrs.role;
      return isTurnRole(role) ? role : null;
    },
  });
  const controls = useMemo(() => ({ editable }), [editable]);

  return (
    <TurnControlsContext.Provider value={controls}>
      <EditorContent editor={editor} className="transcript-editor-host" />
      {editor && editable && <AddTurnControl lastRole={lastRole ?? null} onAdd={(role) => editor.chain().focus().appendTurn(role).run()} />}
    </TurnControlsContext.Provider>
  );
}
