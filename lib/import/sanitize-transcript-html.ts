import { parseFragment } from 'parse5';
import { assertImportSize } from './import-limits';
import { writeHtmlToTranscript } from './html-to-transcript';
import { serializeTranscriptBlocks, type TranscriptBlock } from './transcript-blocks';
import { TranscriptBuilder } from './transcript-builder';

/**
 * Any HTML as transcript HTML: only the tags the editor has (p, br, strong, em, code, pre,
 * ul, ol, li, blockquote, h1–h6, table parts, a, hr, s), only `href` (http, https, mailto)
 * on links, `class="language-…"` on code, `colspan`/`rowspan` on cells. Script, style,
 * embedded and hidden content goes with its text; other unknown elements leave their text.
 * The result is built from a parsed tree and written by our own serializer, so what the
 * input's markup "meant" to a browser cannot leak through.
 */
export function sanitizeTranscriptHtml(html: string): string {
  return serializeTranscriptBlocks(transcriptBlocksFromHtml(html));
}

/** Any HTML as the transcript blocks that `sanitizeTranscriptHtml` writes. */
export function transcriptBlocksFromHtml(html: string): TranscriptBlock[] {
  assertImportSize(html);
  const builder = new TranscriptBuilder();
  writeHtmlToTranscript(builder, parseFragment(html).childNodes);
  return builder.finish();
}
