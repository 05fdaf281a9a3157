import { detectPlatform } from './detect-platform';
import { parseHtmlDocument } from './html-tree';
import type { ImportedConversation } from './imported-conversation';
import { assertImportSize } from './import-limits';
import { renderSourceTurns } from './render-source-turns';
import { unknownHtmlTurns } from './unknown-html-turns';

/**
 * Imports the HTML a browser put on the clipboard when a conversation was copied: the chat
 * app is recognised by its markup (detect-platform.ts) and its turns read with their
 * speakers; any other HTML, or an app's page in which no turn is found, is read by the
 * rule in unknown-html-turns.ts (platform 'html'). Throws `ImportTooLargeError` over the
 * size limit; otherwise never fails, though the turns may be empty.
 */
export function importPastedHtml(html: string): ImportedConversation {
  assertImportSize(html);
  const document = parseHtmlDocument(html);
  const importer = detectPlatform(document);
  if (importer) {
    const turns = renderSourceTurns(importer.turns(document), importer.renderOptions);
    if (turns.length > 0) return { platform: importer.platform, turns };
  }
  return { platform: 'html', turns: unknownHtmlTurns(document) };
}
