import * as Y from 'yjs';
import { blockElementNames, documentLayout, turnElement, turnRoles, type TurnRole } from './document-layout';

const roleLabels: Record<TurnRole, string> = { user: 'User', assistant: 'Assistant', system: 'System' };

/**
 * The plain-text projection of a conversation document (what `conversations.raw_text`
 * holds, for search and previews): each turn as `Role: text`, turns separated by a blank
 * line, blocks inside a turn by a newline. Other root types (annotations, anything a
 * client adds) do not contribute.
 */
export function documentPlainText(doc: Y.Doc): string {
  const content = doc.getXmlFragment(documentLayout.content);
  const turns: string[] = [];
  const loose: string[] = [];
  for (const node of content.toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === turnElement.name) {
      if (loose.length > 0) turns.push(loose.splice(0).join('\n').trim());
      const role = node.getAttribute(turnElement.roleAttribute) as string | undefined;
      const label = turnRoles.includes(role as TurnRole) ? roleLabels[role as TurnRole] : 'Turn';
      const text = blockText(node).trim();
      if (text) turns.push(`${label}: ${text}`);
    } else {
      loose.push(blockText(node));
    }
  }
  if (loose.length > 0) turns.push(loose.join('\n').trim());
  return turns.filter((turn) => turn.length > 0).join('\n\n');
}

function blockText(node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert: unknown }>).map((part) => (typeof part.insert === 'string' ? part.insert : '')).join('');
  }
  if (node instanceof Y.XmlHook) return '';
  if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') return '\n';
  const parts: string[] = [];
  for (const child of node.toArray()) {
    const text = blockText(child);
    const isBlock = child instanceof Y.XmlElement && blockElementNames.has(child.nodeName);
    parts.push(isBlock ? `${text.replace(/\n+$/, '')}\n` : text);
  }
  return parts.join('');
}
