import { attributeOf, childNodesOf, findElement, findOutermostElements, hasClass, isElement, textContentOf, type HtmlElement, type HtmlNode } from '@/lib/import/html-tree';
import type { TurnRole } from '@/lib/import/imported-conversation';
import type { PlatformImporter, SourceTurn } from '@/lib/import/platform-importer';

/**
 * ChatCraft (chatcraft.org, built with Chakra UI) shows each message as a `chakra-card`
 * whose header names the speaker (an `h2`), or, in a compact card, whose avatar does (a
 * `span` with a `title`). Cards naming no one (the chat's summary, the composer) are not
 * messages. The speaker's name gives the role: see `roleOfSpeaker`.
 */
const isCard = (element: HtmlElement) => hasClass(element, 'chakra-card');
const isAvatar = (element: HtmlElement) => element.tagName === 'span' && attributeOf(element, 'title') !== undefined;
const isHeader = (element: HtmlElement) => hasClass(element, 'chakra-card__header');

/**
 * "System Prompt" is the system; the app's own messages ("ChatCraft") and model names
 * (identifiers with a hyphen and no space: `claude-sonnet-4`, `gpt-4o`) are the assistant;
 * anyone else is a person, the user.
 */
export function roleOfSpeaker(name: string): TurnRole {
  const trimmed = name.trim();
  if (trimmed.toLowerCase() === 'system prompt') return 'system';
  if (trimmed.toLowerCase() === 'chatcraft') return 'assistant';
  return !/\s/.test(trimmed) && trimmed.includes('-') ? 'assistant' : 'user';
}

function speakerOf(card: HtmlElement): string | undefined {
  const header = findElement(card, isHeader);
  const heading = header && findElement(header, (element) => /^h[1-6]$/.test(element.tagName));
  const name = heading ? textContentOf(heading).trim() : attributeOf(findElement(card, isAvatar) ?? card, 'title')?.trim();
  return name || undefined;
}

function contentOf(card: HtmlElement): HtmlNode[] {
  const body = findElement(card, (element) => hasClass(element, 'message-text')) ?? findElement(card, (element) => hasClass(element, 'chakra-card__body'));
  if (body) return [body];
  return childNodesOf(card).filter((node) => !isElement(node) || !(isAvatar(node) || isHeader(node)));
}

export const chatcraftImporter: PlatformImporter = {
  platform: 'chatcraft',
  signals: [
    isCard,
    (element) => /^https:\/\/chatcraft\.org\//.test(attributeOf(element, 'href') ?? attributeOf(element, 'src') ?? '') || hasClass(element, 'message-text'),
  ],
  turns(document) {
    const turns: SourceTurn[] = [];
    for (const card of findOutermostElements(document, isCard)) {
      const speaker = speakerOf(card);
      if (speaker !== undefined) turns.push({ role: roleOfSpeaker(speaker), parts: [{ kind: 'content', nodes: contentOf(card) }] });
    }
    return turns;
  },
};
