import { mergeAttributes, Node } from '@tiptap/core';
import { turnRoles, type TurnRole } from '@/lib/sync/document-layout';

/**
 * One speaker's message in a transcript: a block container with a `role` (user, assistant,
 * system). In HTML: `<section data-turn data-role="assistant">…</section>`.
 */
export const TurnNode = Node.create({
  name: 'turn',
  content: 'block+',
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      role: {
        default: 'user' as TurnRole,
        parseHTML: (element: HTMLElement) => {
          const role = element.getAttribute('data-role');
          return turnRoles.includes(role as TurnRole) ? role : 'user';
        },
        renderHTML: (attributes: { role: TurnRole }) => ({ 'data-role': attributes.role }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'section[data-turn]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { 'data-turn': '', class: 'turn' }), 0];
  },
});
