import type { ImportedConversation, TranscriptTurn, TurnRole } from './imported-conversation';
import { assertImportSize } from './import-limits';
import { closesCodeFence, codeFenceOf, normalizePlainText, plainTextToTranscriptBlocks } from './plain-text-transcript';
import { questionAnswerNames, speakerMarkerOf, type SpeakerMarker } from './speaker-markers';

/**
 * The role of text that names no speaker. Chat apps' copy buttons copy one response, and
 * a student's own prompt is typed rather than pasted, so unmarked text is most often what
 * the model wrote: it becomes one assistant turn (students can change a turn's role).
 */
export const unmarkedTextRole: TurnRole = 'assistant';

interface TextTurn {
  role: TurnRole;
  lines: string[];
}

/**
 * Splits plain text into turns at lines that start with a speaker marker (speaker-markers.ts),
 * except inside fenced code. `Q:`/`A:` count only when both appear. Text before the first
 * marker, or all of it when there is none, is a turn of `unmarkedTextRole`. Empty turns are
 * dropped.
 */
export function plainTextTurns(text: string): TranscriptTurn[] {
  const lines = normalizePlainText(text).split('\n');
  const markers = markerLines(lines);
  const turns: TextTurn[] = [{ role: unmarkedTextRole, lines: [] }];
  lines.forEach((line, index) => {
    const marker = markers.get(index);
    if (marker) turns.push({ role: marker.role, lines: marker.rest.trim() === '' ? [] : [marker.rest] });
    else (turns.at(-1) as TextTurn).lines.push(line);
  });
  return turns
    .map((turn) => ({ role: turn.role, blocks: plainTextToTranscriptBlocks(turn.lines.join('\n')) }))
    .filter((turn) => turn.blocks.length > 0);
}

/** The speaker markers by line index, skipping fenced code and unpaired Q/A letters. */
function markerLines(lines: readonly string[]): Map<number, SpeakerMarker> {
  const markers = new Map<number, SpeakerMarker>();
  let openFence: string | undefined;
  lines.forEach((line, index) => {
    if (openFence !== undefined) {
      if (closesCodeFence(line, openFence)) openFence = undefined;
      return;
    }
    const fence = codeFenceOf(line);
    if (fence) {
      openFence = fence.fence;
      return;
    }
    const marker = speakerMarkerOf(line);
    if (marker) markers.set(index, marker);
  });
  const letters = new Set([...markers.values()].map((marker) => marker.name).filter((name) => questionAnswerNames.has(name)));
  if (letters.size < 2) for (const [index, marker] of markers) if (questionAnswerNames.has(marker.name)) markers.delete(index);
  return markers;
}

/** Imports pasted plain text (see `plainTextTurns`). Throws `ImportTooLargeError` over the size limit. */
export function importPlainText(text: string): ImportedConversation {
  assertImportSize(text);
  return { platform: 'plain-text', turns: plainTextTurns(text) };
}
