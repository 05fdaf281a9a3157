import { Mark, mergeAttributes } from '@tiptap/core';

/**
 * An annotation's highlight: a mark on the text it covers, carrying the id of its entry in
 * the document's `annotations` map (tag, author, comments). Several highlights may overlap
 * (`excludes: ''`), and typing at a highlight's edge does not extend it (`inclusive: false`).
 * Its colour comes from the annotation's tag, through a stylesheet the page keeps current.
 */
export const HighlightMark = Mark.create({
  name: 'highlight',
  inclusive: false,
  excludes: '',
  addAttributes() {
    return {
      highlightId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('data-highlight-id'),
        renderHTML: (attributes: { highlightId: string | null }) => ({ 'data-highlight-id': attributes.highlightId }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'mark[data-highlight-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['mark', mergeAttributes(HTMLAttributes, { class: 'highlight' }), 0];
  },
});
