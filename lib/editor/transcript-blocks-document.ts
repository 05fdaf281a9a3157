import type { Extensions } from '@tiptap/core';
import { generateJSON } from '@tiptap/html';
import { Mark, type Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model';
import { serializeTranscriptBlocks, type InlineMark, type InlineNode, type TableRow, type TranscriptBlock } from '@/lib/import/transcript-blocks';
import type { TranscriptTurn } from '@/lib/import/imported-conversation';

/** The editor's mark for each of the blocks' marks (lib/editor/transcript-extensions.ts). */
const markNames = { strong: 'bold', em: 'italic', code: 'code', s: 'strike', link: 'link' } as const;
const linkRel = 'noopener noreferrer nofollow';
/** What the editor's HTML parser counts as whitespace outside code (ProseMirror's DOMParser). */
const whitespaceRun = /[ \t\r\n\f]+/g;
const trailingWhitespace = /[ \t\r\n\f]+$/;

/**
 * The turns as an editor document, built node by node from their blocks with the editor's
 * schema. It is the document the schema's HTML parser would make of the blocks' HTML
 * (`serializeTranscriptBlocks`), without writing and parsing that HTML: whitespace outside
 * code collapses as the parser collapses it, marks combine as it combines them (code
 * excludes the others), and an empty container gets an empty paragraph. With no turns, one
 * empty user turn to type into.
 *
 * One case is left to the parser: a list item whose first block is not a paragraph (a code
 * block, a nested list). The schema wants a paragraph first, and the parser then moves that
 * block, and what follows it, out of the list, closing and reopening lists as it goes; a turn
 * holding such an item is written as HTML and parsed, so the document stays what it was.
 */
export function transcriptDocumentNode(extensions: Extensions, schema: Schema, turns: readonly TranscriptTurn[]): ProseMirrorNode {
  const given = turns.length > 0 ? turns : [{ role: 'user' as const, blocks: [] }];
  const nodes = given.map((turn) =>
    turn.blocks.some(holdsItemWithoutLeadingParagraph) ? parsedTurn(extensions, schema, turn) : filled(schema, 'turn', { role: turn.role }, blockNodes(schema, turn.blocks)),
  );
  return filled(schema, 'doc', null, nodes);
}

function holdsItemWithoutLeadingParagraph(block: TranscriptBlock): boolean {
  switch (block.type) {
    case 'list':
      return block.items.some((item) => item[0]?.type !== 'paragraph' || item.some(holdsItemWithoutLeadingParagraph));
    case 'blockquote':
      return block.content.some(holdsItemWithoutLeadingParagraph);
    case 'table':
      return block.rows.some((row) => row.cells.some((cell) => cell.content.some(holdsItemWithoutLeadingParagraph)));
    default:
      return false;
  }
}

function parsedTurn(extensions: Extensions, schema: Schema, turn: TranscriptTurn): ProseMirrorNode {
  const html = `<section data-turn data-role="${turn.role}">${serializeTranscriptBlocks(turn.blocks)}</section>`;
  return schema.nodeFromJSON(generateJSON(html, extensions)).child(0);
}

function filled(schema: Schema, type: string, attrs: Record<string, unknown> | null, content: ProseMirrorNode[]): ProseMirrorNode {
  const node = schema.nodes[type]?.createAndFill(attrs, content);
  if (!node) throw new Error(`transcript blocks do not fit the editor's ${type}`);
  return node;
}

function blockNodes(schema: Schema, blocks: readonly TranscriptBlock[]): ProseMirrorNode[] {
  return blocks.map((block) => blockNode(schema, block));
}

function blockNode(schema: Schema, block: TranscriptBlock): ProseMirrorNode {
  switch (block.type) {
    case 'paragraph':
      return filled(schema, 'paragraph', null, inlineNodes(schema, block.content));
    case 'heading':
      return filled(schema, 'heading', { level: block.level }, inlineNodes(schema, block.content));
    case 'codeBlock':
      // Code keeps its whitespace exactly (the parser's `preserveWhitespace: 'full'`).
      return filled(schema, 'codeBlock', { language: block.language ?? null }, block.text === '' ? [] : [schema.text(block.text)]);
    case 'list':
      return filled(
        schema,
        block.ordered ? 'orderedList' : 'bulletList',
        null,
        block.items.map((item) => filled(schema, 'listItem', null, blockNodes(schema, item))),
      );
    case 'blockquote':
      return filled(schema, 'blockquote', null, blockNodes(schema, block.content));
    case 'table':
      return filled(schema, 'table', null, tableRows(schema, block.rows));
    case 'horizontalRule':
      return filled(schema, 'horizontalRule', null, []);
  }
}

/** Header rows first, as HTML writes them (`thead` before `tbody`). */
function tableRows(schema: Schema, rows: readonly TableRow[]): ProseMirrorNode[] {
  const ordered = [...rows.filter((row) => row.inHead), ...rows.filter((row) => !row.inHead)];
  return ordered.map((row) =>
    filled(
      schema,
      'tableRow',
      null,
      row.cells.map((cell) => filled(schema, cell.header ? 'tableHeader' : 'tableCell', { colspan: cell.colspan, rowspan: cell.rowspan }, blockNodes(schema, cell.content))),
    ),
  );
}

function markSet(schema: Schema, marks: readonly InlineMark[]): readonly Mark[] {
  let set: readonly Mark[] = Mark.none;
  for (const mark of marks) {
    const type = schema.marks[markNames[mark.type]];
    if (!type) throw new Error(`the editor has no ${mark.type} mark`);
    set = type.create(mark.type === 'link' ? { href: mark.href, rel: linkRel } : null).addToSet(set);
  }
  return set;
}

/**
 * Inline content with whitespace as the parser leaves it: runs become one space, a space
 * is dropped at the start of the block, after a space, and after a line break that the text
 * directly follows (unformatted: formatted text starts inside its own element), and the
 * block's trailing whitespace goes.
 */
function inlineNodes(schema: Schema, content: readonly InlineNode[]): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = [];
  for (const node of content) {
    if (node.type === 'break') {
      nodes.push(schema.nodes.hardBreak!.create());
      continue;
    }
    let text = node.text.replace(whitespaceRun, ' ');
    const before = nodes.at(-1);
    if (text.startsWith(' ') && (!before || (before.isText ? trailingWhitespace.test(before.text ?? '') : node.marks.length === 0))) text = text.slice(1);
    if (text !== '') nodes.push(schema.text(text, markSet(schema, node.marks)));
  }
  const last = nodes.at(-1);
  const trailing = last?.isText ? trailingWhitespace.exec(last.text ?? '') : null;
  if (last && trailing) {
    const kept = (last.text as string).slice(0, -trailing[0].length);
    if (kept === '') nodes.pop();
    else nodes[nodes.length - 1] = schema.text(kept, last.marks);
  }
  return nodes;
}
