import { attributeOf, closestAncestor, findElements, findOutermostElements, hasClass, textContentOf, type HtmlElement } from '@/lib/import/html-tree';
import type { PlatformImporter, SourceTurn, TurnPart } from '@/lib/import/platform-importer';
import type { TurnRole } from '@/lib/import/imported-conversation';

/**
 * ChatGPT marks each message with `data-message-author-role` (user, assistant, system,
 * tool) inside an `article` per turn; a turn may hold several messages (a progress note and
 * the answer). The answer's text is in `.markdown`; the user's in a `whitespace-pre-wrap`
 * bubble. "You said:"/"ChatGPT said:" are `sr-only` headings, dropped as hidden text.
 */
const isMessage = (element: HtmlElement) => attributeOf(element, 'data-message-author-role') !== undefined;

function roleOf(message: HtmlElement): TurnRole {
  const role = attributeOf(message, 'data-message-author-role');
  return role === 'user' || role === 'system' ? role : 'assistant';
}

function contentOf(message: HtmlElement): HtmlElement[] {
  const markdown = findOutermostElements(message, (element) => hasClass(element, 'markdown'));
  if (markdown.length > 0) return markdown;
  const bubble = findElements(message, (element) => hasClass(element, 'user-message-bubble-color'));
  return bubble.length > 0 ? bubble : [message];
}

/** Files attached to a message show as tiles whose name is in bold, truncated text. */
function attachmentsOf(message: HtmlElement): TurnPart[] {
  const names = findElements(message, (element) => hasClass(element, 'truncate') && hasClass(element, 'font-semibold'));
  return names.map((name) => ({ kind: 'attachment', name: textContentOf(name).trim() || 'file' }));
}

function partsOf(message: HtmlElement): TurnPart[] {
  return [...attachmentsOf(message), { kind: 'content', nodes: contentOf(message) }];
}

const isTurnContainer = (element: HtmlElement) =>
  element.tagName === 'article' || attributeOf(element, 'data-turn') !== undefined || attributeOf(element, 'data-testid')?.startsWith('conversation-turn') === true;

export const chatgptImporter: PlatformImporter = {
  platform: 'chatgpt',
  signals: [isMessage],
  turns(document) {
    const turns: SourceTurn[] = [];
    let previousContainer: HtmlElement | undefined;
    for (const message of findOutermostElements(document, isMessage)) {
      const container = closestAncestor(message, isTurnContainer, 12);
      const role = roleOf(message);
      const last = turns.at(-1);
      if (last && container && container === previousContainer && last.role === role) last.parts.push(...partsOf(message));
      else turns.push({ role, parts: partsOf(message) });
      previousContainer = container;
    }
    return turns;
  },
};
