import StarterKit from '@tiptap/starter-kit';
import type { Extensions } from '@tiptap/core';

/**
 * The editor schema of a workspace's response (`documentLayout.response`): ordinary rich
 * text (paragraphs, headings, lists, quotes, code; bold, italic, code, links), no turns and
 * no highlights. Shared by the browser editor and whatever reads the response back (the
 * export, the PDF), so that they agree on every node and mark. Live editing turns the undo
 * history off (the Yjs undo manager takes its place).
 */
export function responseExtensions(options: { history?: boolean } = {}): Extensions {
  return [
    StarterKit.configure({
      undoRedo: options.history === false ? false : undefined,
      // The page's own heading is level 1; the response's sections sit below it.
      heading: { levels: [2, 3, 4] },
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null } },
      underline: false,
    }),
  ];
}
