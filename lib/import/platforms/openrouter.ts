import { attributeOf, findOutermostElements, hasClass, type HtmlElement } from '@/lib/import/html-tree';
import type { TurnRole } from '@/lib/import/imported-conversation';
import type { PlatformImporter } from '@/lib/import/platform-importer';

/**
 * The OpenRouter playground marks messages `data-testid="user-message"`,
 * `"assistant-message"` (and `"system-message"`) in a `playground-container`. The message
 * text is in `.prose`; beside it, the header (age, model name, "Reasoning") is furniture.
 */
const roleByTestId = new Map<string, TurnRole>([
  ['user-message', 'user'],
  ['assistant-message', 'assistant'],
  ['system-message', 'system'],
]);
const isMessage = (element: HtmlElement) => roleByTestId.has(attributeOf(element, 'data-testid') ?? '');

export const openrouterImporter: PlatformImporter = {
  platform: 'openrouter',
  signals: [(element) => ['playground-container', 'assistant-message'].includes(attributeOf(element, 'data-testid') ?? '')],
  turns: (document) =>
    findOutermostElements(document, isMessage).map((message) => {
      const prose = findOutermostElements(message, (element) => hasClass(element, 'prose'));
      return { role: roleByTestId.get(attributeOf(message, 'data-testid') as string) as TurnRole, parts: [{ kind: 'content', nodes: prose.length > 0 ? prose : [message] }] };
    }),
};
