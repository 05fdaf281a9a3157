import { Marked } from 'marked';
import { sanitizeTranscriptHtml } from '@/lib/import/sanitize-transcript-html';

/** Text as HTML text: what a raw HTML tag written in the instructions shows as. */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * GitHub-flavoured Markdown (tables, strikethrough), with HTML written in the source shown
 * as the text it is rather than passed through: instructions are Markdown, not a page.
 */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

/**
 * An activity's instructions (Markdown) as HTML safe to insert in a page. marked renders
 * it; its output then goes through the transcript sanitiser (`sanitizeTranscriptHtml`: an
 * allowlist of tags and attributes, links only to http, https and mailto, with
 * `rel="noopener noreferrer nofollow"`), so nothing marked lets through (a `javascript:`
 * link, an image, an attribute) reaches the page whatever the source held.
 */
export function instructionsToHtml(source: string): string {
  if (source.trim() === '') return '';
  return sanitizeTranscriptHtml(renderMarkdown(source));
}

/**
 * marked parses recursively, so Markdown nested thousands deep (`>>>>…`, `- - - …`, runs of
 * `*`) overflows the call stack. Such instructions are shown as their text, a paragraph per
 * blank-line-separated block, rather than failing the page.
 */
function renderMarkdown(source: string): string {
  try {
    return markdown.parse(source) as string;
  } catch (error) {
    if (!(error instanceof RangeError) && !String((error as Error)?.message).includes('Maximum call stack')) throw error;
    return source
      .split(/\n\s*\n/)
      .filter((block) => block.trim() !== '')
      .map((block) => `<p>${escapeHtml(block.trim()).replaceAll('\n', '<br>')}</p>`)
      .join('');
  }
}
