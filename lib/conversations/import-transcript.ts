import type { TranscriptTurn } from '../editor/transcript-document';

export interface TranscriptImport {
  platform: string;
  turns: TranscriptTurn[];
}

/** Pasted HTML (preferred: it keeps the chat's structure) or text, as turns; nothing: no turns. */
export function importTranscript(input: { text?: string; html?: string }): TranscriptImport {
  if (input.html?.trim()) return { platform: 'html', turns: [{ role: 'user', html: `<p>${escape(input.html)}</p>` }] };
  if (input.text?.trim()) return { platform: 'plain-text', turns: [{ role: 'user', html: `<p>${escape(input.text)}</p>` }] };
  return { platform: 'empty', turns: [] };
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
