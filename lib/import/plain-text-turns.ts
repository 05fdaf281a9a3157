import type { ImportedConversation, TranscriptTurn, TurnRole } from './imported-conversation';
import { assertImportSize } from './import-limits';
import { closesCodeFence, codeFenceOf, normalizePlainText, plainTextToTranscriptBlocks } from './plain-text-transcript';
import { questionAnswerNames, speakerMarkerOf, type SpeakerMarker } from './speaker-markers';
import { defaultUnmarkedSplit, type UnmarkedSplit } from './unmarked-split';

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
 * marker is a turn of `unmarkedTextRole`; text with no marker at all is split as `split`
 * says. Empty turns are dropped.
 */
export function plainTextTurns(text: string, split: UnmarkedSplit = defaultUnmarkedSplit): TranscriptTurn[] {
  const lines = normalizePlainText(text).split('\n');
  const markers = markerLines(lines);
  if (markers.size === 0) return unmarkedTurns(lines, split);
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

/** Whether the text names a speaker anywhere (else `unmarkedSplits` says how it is split). */
export function hasSpeakerMarkers(text: string): boolean {
  return markerLines(normalizePlainText(text).split('\n')).size > 0;
}

/** Text without markers, split as chosen: one turn, or alternating turns at blank lines outside fenced code. */
function unmarkedTurns(lines: readonly string[], split: UnmarkedSplit): TranscriptTurn[] {
  if (split !== 'alternate') {
    const blocks = plainTextToTranscriptBlocks(lines.join('\n'));
    return blocks.length > 0 ? [{ role: split, blocks }] : [];
  }
  const parts: string[][] = [[]];
  let openFence: string | undefined;
  for (const line of lines) {
    if (openFence !== undefined) {
      if (closesCodeFence(line, openFence)) openFence = undefined;
    } else {
      const fence = codeFenceOf(line);
      if (fence) openFence = fence.fence;
      else if (line.trim() === '') {
        if ((parts.at(-1) as string[]).length > 0) parts.push([]);
        continue;
      }
    }
    (parts.at(-1) as string[]).push(line);
  }
  return parts
    .map((part) => plainTextToTranscriptBlocks(part.join('\n')))
    .filter((blocks) => blocks.length > 0)
    .map((blocks, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', blocks }));
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
export function importPlainText(text: string, split: UnmarkedSplit = defaultUnmarkedSplit): ImportedConversation {
  assertImportSize(text);
  return { platform: 'plain-text', turns: plainTextTurns(text, split) };
}
