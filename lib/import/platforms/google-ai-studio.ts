import { attributeOf, childNodesOf, findElement, findElements, findOutermostElements, hasClass, textContentOf, type HtmlElement } from '@/lib/import/html-tree';
import type { TurnRole } from '@/lib/import/imported-conversation';
import type { PlatformImporter, SourceTurn, TurnPart } from '@/lib/import/platform-importer';

/**
 * Google AI Studio renders each turn as `<ms-chat-turn>` holding a container with
 * `data-turn-role="User"` or `"Model"`. The visible "User"/"Model" heading is an
 * `.author-label`; thoughts are `ms-thought-chunk`; files are `ms-file-chunk` (name and token
 * count). The chat scrolls virtually: turns out of view are copied empty, and are dropped.
 */
const isTurn = (element: HtmlElement) => element.tagName === 'ms-chat-turn';
const hasTurnRole = (element: HtmlElement) => attributeOf(element, 'data-turn-role') !== undefined;

function roleOf(turn: HtmlElement): TurnRole {
  const role = findElement(turn, hasTurnRole);
  const name = (role ? attributeOf(role, 'data-turn-role') : '')?.toLowerCase();
  if (name === 'user') return 'user';
  if (name === 'system') return 'system';
  return 'assistant';
}

function fileName(chunk: HtmlElement): string {
  const name = findElement(chunk, (element) => hasClass(element, 'name'));
  return (name && (attributeOf(name, 'title') ?? textContentOf(name)).trim()) || 'file';
}

function sourceTurn(turn: HtmlElement): SourceTurn {
  const content = findOutermostElements(turn, (element) => hasClass(element, 'turn-content'));
  const parts: TurnPart[] = [
    ...findElements(turn, (element) => element.tagName === 'ms-file-chunk').map((chunk) => ({ kind: 'attachment' as const, name: fileName(chunk) })),
    ...findOutermostElements(turn, (element) => element.tagName === 'ms-thought-chunk').map((chunk) => ({ kind: 'reasoning' as const, nodes: [...childNodesOf(chunk)] })),
    { kind: 'content', nodes: content.length > 0 ? content : [turn] },
  ];
  return { role: roleOf(turn), parts };
}

const furnitureTagNames = new Set(['ms-thought-chunk', 'ms-file-chunk', 'ms-chat-turn-options', 'mat-expansion-panel-header']);

export const googleAiStudioImporter: PlatformImporter = {
  platform: 'google-ai-studio',
  signals: [isTurn, hasTurnRole],
  turns: (document) => findOutermostElements(document, isTurn).map(sourceTurn),
  renderOptions: {
    isFurniture: (element) =>
      furnitureTagNames.has(element.tagName) || hasClass(element, 'author-label') || hasClass(element, 'actions-container') || hasClass(element, 'turn-footer'),
  },
};
