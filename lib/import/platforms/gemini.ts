import { attributeOf, childNodesOf, closestAncestor, findElement, findElements, findOutermostElements, hasClass, textContentOf, type HtmlElement } from '@/lib/import/html-tree';
import { normalizeCodeLanguage } from '@/lib/import/html-element-kinds';
import type { PlatformImporter, SourceTurn, TurnPart } from '@/lib/import/platform-importer';

/**
 * Gemini writes each turn as an Angular component: `<user-query>` and `<model-response>`.
 * The prompt is in `.query-text`, the answer in `message-content`; the model's thoughts in
 * `model-thoughts` (empty unless expanded). A code block's language is the label in its
 * `.code-block-decoration` header, which also holds the copy buttons.
 */
const isTurn = (element: HtmlElement) => element.tagName === 'user-query' || element.tagName === 'model-response';

function userTurn(query: HtmlElement): SourceTurn {
  const text = findOutermostElements(query, (element) => hasClass(element, 'query-text'));
  const files = findElements(query, (element) => element.tagName === 'user-query-file-preview');
  const parts: TurnPart[] = files.map((file) => ({ kind: 'attachment', name: attachmentName(file) }));
  parts.push({ kind: 'content', nodes: text.length > 0 ? text : [query] });
  return { role: 'user', parts };
}

/** A file's shown name, or "image" for a picture shown only as a thumbnail. */
function attachmentName(file: HtmlElement): string {
  const name = textContentOf(file).replace(/\s+/g, ' ').trim();
  if (name) return name;
  return findElement(file, (element) => /image/i.test(attributeOf(element, 'aria-label') ?? '')) ? 'image' : 'file';
}

function modelTurn(response: HtmlElement): SourceTurn {
  const thoughts = findOutermostElements(response, (element) => element.tagName === 'model-thoughts');
  const answer = findOutermostElements(response, (element) => element.tagName === 'message-content');
  return {
    role: 'assistant',
    parts: [
      ...thoughts.map((element) => ({ kind: 'reasoning' as const, nodes: [...childNodesOf(element)] })),
      { kind: 'content', nodes: answer.length > 0 ? answer : [response] },
    ],
  };
}

export const geminiImporter: PlatformImporter = {
  platform: 'gemini',
  signals: [isTurn],
  turns: (document) => findOutermostElements(document, isTurn).map((turn) => (turn.tagName === 'user-query' ? userTurn(turn) : modelTurn(turn))),
  renderOptions: {
    isFurniture: (element) => hasClass(element, 'code-block-decoration') || element.tagName === 'model-thoughts' || element.tagName === 'sources-list',
    codeLanguage(pre) {
      const block = closestAncestor(pre, (element) => element.tagName === 'code-block', 12);
      const label = block && findElement(block, (element) => hasClass(element, 'code-block-decoration'));
      const name = label && findElement(label, (element) => element.tagName === 'span');
      return name ? normalizeCodeLanguage(textContentOf(name)) : undefined;
    },
  },
};
