import { getSchema } from '@tiptap/core';
import { generateJSON } from '@tiptap/html';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentLayout, type TurnRole } from '../sync/document-layout';
import { documentPlainText } from '../sync/document-text';
import { measureTranscript, type TranscriptExtent } from '../sync/transcript-extent';
import { defaultTags } from './default-tags';
import { giveEmptyTextblocksText } from './text-in-empty-blocks';
import { transcriptExtensions } from './transcript-extensions';

export interface TranscriptTurn {
  role: TurnRole;
  /** Sanitised HTML of the turn's content. */
  html: string;
}

/**
 * A new conversation's Yjs document: the turns as the editor's schema parses them (so the
 * stored document is exactly what the editor would have made), and the default tags.
 * With no turns, one empty user turn to type into. Its `extent` is for the caller to hold
 * against the document limits (the turns' HTML nests no deeper than the import allows, so the
 * schema's parser, which recurses, stays shallow).
 */
export function buildTranscriptDocument(turns: TranscriptTurn[]): { state: Uint8Array; plainText: string; extent: TranscriptExtent; clientId: number } {
  const extensions = transcriptExtensions();
  const sections = (turns.length > 0 ? turns : [{ role: 'user' as const, html: '' }]).map(
    (turn) => `<section data-turn data-role="${turn.role}">${turn.html.trim() || '<p></p>'}</section>`,
  );
  const json = generateJSON(sections.join(''), extensions);
  const doc = new Y.Doc();
  const schema = getSchema(extensions);
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(documentLayout.content));
  // Every empty paragraph gets its text node now, so the first two people to type into one
  // type into the same node (lib/editor/text-in-empty-blocks.ts says why that matters).
  giveEmptyTextblocksText(doc.getXmlFragment(documentLayout.content), schema);
  const tags = doc.getMap<Y.Map<string>>(documentLayout.tags);
  for (const tag of defaultTags) {
    const entry = new Y.Map<string>();
    entry.set('name', tag.name);
    entry.set('color', tag.color);
    tags.set(tag.id, entry);
  }
  // `clientId`: what the document was written with, to bind to its author (the live-sync
  // server refuses anyone else's writes with it).
  return { state: Y.encodeStateAsUpdate(doc), plainText: documentPlainText(doc), extent: measureTranscript(doc), clientId: doc.clientID };
}
