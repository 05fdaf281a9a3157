import { attributeOf, childNodesOf, classNamesOf, closestAncestor, findElements, findOutermostElements, type HtmlElement } from '@/lib/import/html-tree';
import type { PlatformImporter, SourceTurn } from '@/lib/import/platform-importer';

/**
 * Claude marks the person's messages `data-testid="user-message"` and the model's with the
 * class `font-claude-response` (`font-claude-message` in older pages). Inside a response, a
 * nested `font-claude-response` block is the model's reasoning ("Thought process", whose
 * title is a button, dropped like the tool-use steps and search results, also buttons).
 */
const responseClassNames = new Set(['font-claude-response', 'font-claude-message']);
const isUserMessage = (element: HtmlElement) => attributeOf(element, 'data-testid') === 'user-message';
const isResponse = (element: HtmlElement) => classNamesOf(element).some((name) => responseClassNames.has(name));

function responseTurn(response: HtmlElement): SourceTurn {
  const reasoning = findOutermostElements(response, isResponse).map((block) => ({ kind: 'reasoning' as const, nodes: [...childNodesOf(block)] }));
  return { role: 'assistant', parts: [...reasoning, { kind: 'content', nodes: [...childNodesOf(response)] }] };
}

/** The person's message, after any images attached to it (thumbnails beside the text, in the same turn block). */
function userTurn(message: HtmlElement): SourceTurn {
  const block = closestAncestor(message, (element) => attributeOf(element, 'data-test-render-count') !== undefined, 12);
  const inMessage = new Set(findElements(message, (element) => element.tagName === 'img'));
  const images = block ? findElements(block, (element) => element.tagName === 'img' && !inMessage.has(element)) : [];
  return {
    role: 'user',
    parts: [...images.map((image) => ({ kind: 'attachment' as const, name: attributeOf(image, 'alt')?.trim() || 'image' })), { kind: 'content', nodes: [message] }],
  };
}

export const claudeImporter: PlatformImporter = {
  platform: 'claude',
  signals: [isResponse],
  turns(document) {
    const messages = findOutermostElements(document, (element) => isUserMessage(element) || isResponse(element));
    return messages.map((message) => (isUserMessage(message) ? userTurn(message) : responseTurn(message)));
  },
  // Parts hold a response's children: a response block found inside is reasoning, rendered
  // as its own part, so within the answer it is skipped.
  renderOptions: { isFurniture: isResponse },
};
