import { descendantElements, type HtmlDocument } from './html-tree';
import type { PlatformImporter } from './platform-importer';
import { chatcraftImporter } from './platforms/chatcraft';
import { chatgptImporter } from './platforms/chatgpt';
import { claudeImporter } from './platforms/claude';
import { geminiImporter } from './platforms/gemini';
import { googleAiStudioImporter } from './platforms/google-ai-studio';
import { openrouterImporter } from './platforms/openrouter';
import { scienceosImporter } from './platforms/scienceos';

/**
 * The chat apps we recognise, most specific markup first: when a page carries several
 * apps' signals (an OpenRouter page shares Claude's `user-message` test id), the first wins.
 */
export const platformImporters: readonly PlatformImporter[] = [
  chatgptImporter,
  claudeImporter,
  geminiImporter,
  googleAiStudioImporter,
  openrouterImporter,
  scienceosImporter,
  chatcraftImporter,
];

/** The importer of the chat app whose markup `document` is, in one pass over its elements. */
export function detectPlatform(document: HtmlDocument): PlatformImporter | undefined {
  const seen = platformImporters.map((importer) => importer.signals.map(() => false));
  for (const element of descendantElements(document)) {
    platformImporters.forEach((importer, index) => {
      const signals = seen[index] as boolean[];
      importer.signals.forEach((signal, signalIndex) => {
        if (!signals[signalIndex] && signal(element)) signals[signalIndex] = true;
      });
    });
  }
  return platformImporters.find((_, index) => (seen[index] as boolean[]).every(Boolean));
}
