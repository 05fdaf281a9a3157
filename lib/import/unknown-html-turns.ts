import type { HtmlDocument } from './html-tree';
import { writeHtmlToTranscript } from './html-to-transcript';
import type { TranscriptTurn, TurnRole } from './imported-conversation';
import { unmarkedTextRole } from './plain-text-turns';
import { isPageFurniture } from './render-source-turns';
import { questionAnswerNames, speakerMarkerOf, type SpeakerMarker } from './speaker-markers';
import type { InlineNode, TranscriptBlock } from './transcript-blocks';
import { TranscriptBuilder } from './transcript-builder';

/**
 * HTML from a page we do not recognise is read as plain text would be, keeping its
 * formatting: it is first converted to transcript blocks (sanitised, furniture dropped);
 * then every top-level line (a heading, or a paragraph's line between `<br>`s) that starts
 * with a speaker marker (`User:`, `**Assistant:**`, a lone `Claude` — speaker-markers.ts)
 * starts a turn, the marker removed. Text before the first marker, and the whole page when
 * it has none, is one turn of `unmarkedTextRole` ('assistant'), as for plain text.
 */
export function unknownHtmlTurns(document: HtmlDocument): TranscriptTurn[] {
  const builder = new TranscriptBuilder();
  writeHtmlToTranscript(builder, [document], { isFurniture: isPageFurniture });
  return splitAtSpeakerMarkers(builder.finish()).filter((turn) => turn.blocks.length > 0);
}

type Line = { block: TranscriptBlock; content: InlineNode[]; marker: SpeakerMarker | undefined; endsBlock: boolean };

function textOf(content: readonly InlineNode[]): string {
  return content.map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

/** The top-level blocks as lines: a paragraph is cut at its line breaks. */
function linesOf(blocks: readonly TranscriptBlock[]): Line[] {
  const lines: Line[] = [];
  for (const block of blocks) {
    if (block.type !== 'paragraph' && block.type !== 'heading') {
      lines.push({ block, content: [], marker: undefined, endsBlock: true });
      continue;
    }
    const segments: InlineNode[][] = [[]];
    for (const node of block.content) {
      if (node.type === 'break' && block.type === 'paragraph') segments.push([]);
      else (segments.at(-1) as InlineNode[]).push(node);
    }
    segments.forEach((content, index) =>
      lines.push({ block, content, marker: speakerMarkerOf(textOf(content).trim()), endsBlock: index === segments.length - 1 }),
    );
  }
  const letters = new Set(lines.flatMap((line) => (line.marker && questionAnswerNames.has(line.marker.name) ? [line.marker.name] : [])));
  if (letters.size < 2) for (const line of lines) if (line.marker && questionAnswerNames.has(line.marker.name)) line.marker = undefined;
  return lines;
}

/** `content` less its first `count` characters (the speaker marker) and the spaces after them. */
function dropLeadingCharacters(content: readonly InlineNode[], count: number): InlineNode[] {
  let remaining = count;
  const kept: InlineNode[] = [];
  for (const node of content) {
    if (node.type !== 'text' || remaining === 0) {
      kept.push(node);
      continue;
    }
    const text = node.text.slice(remaining);
    remaining = Math.max(0, remaining - node.text.length);
    if (text !== '') kept.push({ ...node, text });
  }
  const first = kept[0];
  if (first?.type === 'text') kept[0] = { ...first, text: first.text.trimStart() };
  return kept.filter((node) => node.type === 'break' || node.text !== '');
}

function splitAtSpeakerMarkers(blocks: readonly TranscriptBlock[]): TranscriptTurn[] {
  const lines = linesOf(blocks);
  if (!lines.some((line) => line.marker)) return [{ role: unmarkedTextRole, blocks: [...blocks] }];
  const turns: TranscriptTurn[] = [{ role: unmarkedTextRole, blocks: [] }];
  let paragraph: InlineNode[] = [];
  let paragraphBlock: TranscriptBlock | undefined;
  const flush = () => {
    if (paragraphBlock && paragraph.some((node) => node.type === 'text' && node.text.trim() !== '')) {
      const content = paragraph.at(-1)?.type === 'break' ? paragraph.slice(0, -1) : paragraph;
      (turns.at(-1) as TranscriptTurn).blocks.push(paragraphBlock.type === 'heading' ? { ...paragraphBlock, content } : { type: 'paragraph', content });
    }
    paragraph = [];
    paragraphBlock = undefined;
  };
  for (const line of lines) {
    if (line.block.type !== 'paragraph' && line.block.type !== 'heading') {
      flush();
      (turns.at(-1) as TranscriptTurn).blocks.push(line.block);
      continue;
    }
    let content = line.content;
    if (line.marker) {
      flush();
      turns.push({ role: line.marker.role, blocks: [] });
      const text = textOf(content);
      const leading = text.length - text.trimStart().length;
      content = dropLeadingCharacters(content, leading + text.trimStart().length - line.marker.rest.length);
    }
    if (paragraph.length > 0) paragraph.push({ type: 'break' });
    for (const node of content) paragraph.push(node);
    paragraphBlock = line.block;
    if (line.endsBlock) flush();
  }
  flush();
  return turns;
}
