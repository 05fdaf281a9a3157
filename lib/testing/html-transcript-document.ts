import { getSchema } from '@tiptap/core';
import { generateJSON } from '@tiptap/html';
import { transcriptDocumentFrom, type BuiltTranscriptDocument } from '@/lib/editor/transcript-document';
import { transcriptExtensions } from '@/lib/editor/transcript-extensions';
import type { ImportedConversation, TranscriptTurn } from '@/lib/import/imported-conversation';
import { transcriptBlocksFromHtml } from '@/lib/import/sanitize-transcript-html';
import { serializeTranscriptBlocks } from '@/lib/import/transcript-blocks';
import type { TurnRole } from '@/lib/sync/document-layout';

/** For tests: a turn written as editor HTML, which may hold what an import never makes (highlights). */
export interface HtmlTurn {
  role: TurnRole;
  html: string;
}

/**
 * For tests: a conversation document whose turns are given as HTML, parsed by the editor's
 * schema as the browser editor would parse a paste (unknown tags leave their text), with the
 * default tags, as `buildTranscriptDocument` makes an import's. With no turns, one empty user turn.
 */
export function transcriptDocumentFromHtml(turns: readonly HtmlTurn[]): BuiltTranscriptDocument {
  const extensions = transcriptExtensions();
  const sections = (turns.length > 0 ? turns : [{ role: 'user' as const, html: '' }]).map(
    (turn) => `<section data-turn data-role="${turn.role}">${turn.html.trim() || '<p></p>'}</section>`,
  );
  const schema = getSchema(extensions);
  return transcriptDocumentFrom(schema, schema.nodeFromJSON(generateJSON(sections.join(''), extensions)));
}

/** For tests: turns written as HTML, read as the import reads pasted HTML (sanitised into blocks). */
export function turnsFromHtml(turns: readonly HtmlTurn[]): TranscriptTurn[] {
  return turns.map((turn) => ({ role: turn.role, blocks: transcriptBlocksFromHtml(turn.html) }));
}

/** For tests: an import's turns as the transcript HTML their blocks write, to compare with expected HTML. */
export function turnsAsHtml(turns: readonly TranscriptTurn[]): HtmlTurn[] {
  return turns.map((turn) => ({ role: turn.role, html: serializeTranscriptBlocks(turn.blocks) }));
}

export function conversationAsHtml(conversation: ImportedConversation): { platform: ImportedConversation['platform']; turns: HtmlTurn[] } {
  return { platform: conversation.platform, turns: turnsAsHtml(conversation.turns) };
}
