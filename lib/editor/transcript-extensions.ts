import { Document } from '@tiptap/extension-document';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Extensions } from '@tiptap/core';
import { HighlightMark } from './highlight-mark';
import { TurnNode } from './turn-node';

/** A transcript is a sequence of turns; nothing else sits at the top level. */
const TranscriptDocument = Document.extend({ content: 'turn+' });

/**
 * The editor schema of a conversation, shared by the browser editor, the server's import
 * (transcript blocks → Yjs) and the export (Yjs → Markdown), so all three agree on every node and mark.
 * Live editing adds the Collaboration extensions on top (and turns undo history off: the
 * Yjs undo manager takes its place).
 */
export function transcriptExtensions(options: { history?: boolean } = {}): Extensions {
  return [
    TranscriptDocument,
    StarterKit.configure({
      document: false,
      undoRedo: options.history === false ? false : undefined,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null } },
      underline: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
    TurnNode,
    HighlightMark,
  ];
}
