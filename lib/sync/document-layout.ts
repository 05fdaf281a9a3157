/**
 * The names of the root types of a conversation's Yjs document: the contract between the
 * editor in the browser, the server's text projection and the export. See docs/crdt.md.
 */
export const documentLayout = {
  /** `Y.XmlFragment`: the transcript, a sequence of `turn` elements (Tiptap/ProseMirror nodes). */
  content: 'content',
  /** `Y.Map<Y.Map>`: highlight id → { tagId, authorId, authorName, createdAt, comments: Y.Array<Y.Map> }. */
  annotations: 'annotations',
  /** `Y.Map<Y.Map>`: tag id → { name, color }. */
  tags: 'tags',
  /** `Y.XmlFragment`: a workspace's written response (rich text: paragraphs, headings, lists; no turns). See docs/crdt.md. */
  response: 'response',
} as const;

/** The element name of a turn, and its speaker attribute. */
export const turnElement = { name: 'turn', roleAttribute: 'role' } as const;

export const turnRoles = ['user', 'assistant', 'system'] as const;
export type TurnRole = (typeof turnRoles)[number];

/** A turn's speaker as people read it: in the text projection, the export and the import preview. */
export const turnRoleLabels: Record<TurnRole, string> = { user: 'User', assistant: 'Assistant', system: 'System' };

/** Elements whose text ends a line in the plain-text projection. */
export const blockElementNames = new Set([
  'paragraph',
  'heading',
  'codeBlock',
  'blockquote',
  'listItem',
  'bulletList',
  'orderedList',
  'tableRow',
  'table',
  'horizontalRule',
  'turn',
]);
