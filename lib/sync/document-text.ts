import * as Y from 'yjs';
import { blockElementNames, documentLayout, turnElement, turnRoleLabels, turnRoles, type TurnRole } from './document-layout';

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
      const label = turnRoles.includes(role as TurnRole) ? turnRoleLabels[role as TurnRole] : 'Turn';
      const text = blockText(node).trim();
      if (text) turns.push(`${label}: ${text}`);
    } else {
      loose.push(blockText(node));
    }
  }
  if (loose.length > 0) turns.push(loose.join('\n').trim());
  return turns.filter((turn) => turn.length > 0).join('\n\n');
}

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment;

/** A node to write, or the end of a block whose text began at `parts[blockStart]`. */
type Step = { node: XmlNode; isBlock: boolean } | { blockStart: number };

/**
 * The text of `root` and everything under it, each block's text ending in exactly one
 * newline. The walk keeps its own stack, so a document nested tens of thousands deep (one
 * stored before the limits existed) costs no call stack; and each piece of text is written
 * once, to one list, so the cost stays linear in the text however deep it sits.
 */
export function blockText(root: XmlNode): string {
  const parts: string[] = [];
  const steps: Step[] = [{ node: root, isBlock: false }];
  while (steps.length > 0) {
    const step = steps.pop() as Step;
    if ('blockStart' in step) {
      trimTrailingNewlines(parts, step.blockStart);
      parts.push('\n');
      continue;
    }
    const { node } = step;
    if (node instanceof Y.XmlText) {
      parts.push((node.toDelta() as Array<{ insert: unknown }>).map((part) => (typeof part.insert === 'string' ? part.insert : '')).join(''));
    } else if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') {
      parts.push('\n');
    } else if (!(node instanceof Y.XmlHook)) {
      if (step.isBlock) steps.push({ blockStart: parts.length });
      const children = node.toArray();
      for (let index = children.length - 1; index >= 0; index -= 1) {
        const child = children[index] as Y.XmlElement | Y.XmlText | Y.XmlHook;
        steps.push({ node: child, isBlock: child instanceof Y.XmlElement && blockElementNames.has(child.nodeName) });
      }
    }
  }
  return parts.join('');
}

/** Removes the newlines that end the text written since `parts[start]`. */
function trimTrailingNewlines(parts: string[], start: number): void {
  while (parts.length > start) {
    const trimmed = (parts.at(-1) as string).replace(/\n+$/, '');
    if (trimmed !== '') {
      parts[parts.length - 1] = trimmed;
      return;
    }
    parts.pop();
  }
}
