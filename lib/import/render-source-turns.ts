import { thoughtProcessLabel } from '@/lib/editor/thought-process-label';
import { attributeOf, type HtmlElement } from './html-tree';
import { writeHtmlToTranscript, type TranscriptHtmlOptions } from './html-to-transcript';
import type { TranscriptTurn } from './imported-conversation';
import type { SourceTurn, TurnPart } from './platform-importer';
import { TranscriptBuilder } from './transcript-builder';

/** Roles of interactive widgets: their text is a control's label, not the conversation. */
const controlRoles = new Set(['button', 'menu', 'menubar', 'menuitem', 'toolbar', 'tooltip', 'tablist', 'tab', 'dialog', 'alertdialog', 'status', 'progressbar', 'slider', 'switch']);

/** Furniture of any chat page: widgets, navigation, the composer (an editable field). */
export function isPageFurniture(element: HtmlElement): boolean {
  if (element.tagName === 'nav') return true;
  if (controlRoles.has(attributeOf(element, 'role')?.trim().toLowerCase() ?? '')) return true;
  const editable = attributeOf(element, 'contenteditable');
  return editable !== undefined && editable.toLowerCase() !== 'false';
}

export const reasoningLabel = thoughtProcessLabel;

function withPageFurniture(options: TranscriptHtmlOptions): TranscriptHtmlOptions {
  const { isFurniture } = options;
  return { ...options, isFurniture: (element) => isPageFurniture(element) || isFurniture?.(element) === true };
}

function writePart(builder: TranscriptBuilder, part: TurnPart, options: TranscriptHtmlOptions): void {
  if (part.kind === 'content') {
    writeHtmlToTranscript(builder, part.nodes, options);
    builder.blockBoundary();
  } else if (part.kind === 'attachment') {
    builder.openParagraph();
    builder.pushMark({ type: 'em' });
    builder.addText(`[Attachment: ${part.name}]`, 'collapse');
    builder.popMark();
    builder.closeInline();
  } else {
    // Reasoning goes in a blockquote headed "Thought process", and only if it has text
    // (built one level down, as it will sit inside that blockquote).
    const reasoning = new TranscriptBuilder(1);
    writeHtmlToTranscript(reasoning, part.nodes, options);
    const blocks = reasoning.finish();
    if (blocks.length === 0) return;
    builder.openBlockquote();
    builder.openParagraph();
    builder.pushMark({ type: 'strong' });
    builder.addText(reasoningLabel, 'collapse');
    builder.popMark();
    builder.closeInline();
    builder.appendBlocks(blocks);
    builder.closeContainer();
  }
}

/** A chat app's turns as imported turns; a turn left with no content (copied out of view) is dropped. */
export function renderSourceTurns(turns: readonly SourceTurn[], options: TranscriptHtmlOptions = {}): TranscriptTurn[] {
  const renderOptions = withPageFurniture(options);
  const imported: TranscriptTurn[] = [];
  for (const turn of turns) {
    const builder = new TranscriptBuilder();
    for (const part of turn.parts) writePart(builder, part, renderOptions);
    const blocks = builder.finish();
    if (blocks.length > 0) imported.push({ role: turn.role, blocks });
  }
  return imported;
}
