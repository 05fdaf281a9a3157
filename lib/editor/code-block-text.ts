/**
 * A code block's text without the line ends after its last line. HTML puts one there (a
 * Markdown renderer's `<pre><code>…\n</code></pre>`, one element per line), and a code block
 * whose text ends with "\n" shows an empty last line in the editor (ProseMirror keeps it
 * visible) and a blank line before the closing fence in Markdown. Spaces at the end of the
 * last line are kept; nothing before it changes. Linear: no regular expression backtracks.
 */
export function withoutTrailingLineEnds(text: string): string {
  const kept = text.trimEnd();
  const firstLineEnd = text.slice(kept.length).search(/[\r\n]/);
  return firstLineEnd === -1 ? text : text.slice(0, kept.length + firstLineEnd);
}
