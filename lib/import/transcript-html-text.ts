import { parseFragment } from 'parse5';
import { textContentOf } from './html-tree';

/** The text a reader sees in transcript HTML: blocks and lines separated by a space, whitespace collapsed. */
export function transcriptHtmlText(html: string): string {
  const spaced = html.replace(/(<\/(?:p|h[1-6]|li|th|td|pre)>|<br>)/g, '$1 ');
  return textContentOf(parseFragment(spaced)).replace(/\s+/g, ' ').trim();
}
