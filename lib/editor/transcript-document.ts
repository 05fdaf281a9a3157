import { getSchema } from '@tiptap/core';
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { TranscriptTurn } from '@/lib/import/imported-conversation';
import { documentLayout } from '@/lib/sync/document-layout';
import { documentPlainText } from '@/lib/sync/document-text';
import { measureTranscript, type TranscriptExtent } from '@/lib/sync/transcript-extent';
import { defaultTags } from './default-tags';
import { addTagsToDocument, type StartingTag } from './document-tags';
import { giveEmptyTextblocksText } from './text-in-empty-blocks';
import { transcriptDocumentNode } from './transcript-blocks-document';
import { transcriptExtensions } from './transcript-extensions';

export interface BuiltTranscriptDocument {
  state: Uint8Array;
  plainText: string;
  extent: TranscriptExtent;
  clientId: number;
}

/**
 * A new conversation's Yjs document: the turns' blocks as editor nodes
 * (transcript-blocks-document.ts: the document the editor would have made of them), and the
 * tags it starts with (its class's vocabulary, or the default tags). With no turns, one
 * empty user turn to type into. Its `extent` is for the caller to hold against the document
 * limits (the import nests its blocks no deeper than they allow).
 */
export function buildTranscriptDocument(turns: readonly TranscriptTurn[], tags: readonly StartingTag[] = defaultTags): BuiltTranscriptDocument {
  const extensions = transcriptExtensions();
  const schema = getSchema(extensions);
  return transcriptDocumentFrom(schema, transcriptDocumentNode(extensions, schema, turns), tags);
}

/** The Yjs document of an editor document (`content`), with `tags` (by default, the default tags). */
export function transcriptDocumentFrom(schema: Schema, content: ProseMirrorNode, tags: readonly StartingTag[] = defaultTags): BuiltTranscriptDocument {
  const doc = new Y.Doc();
  prosemirrorToYXmlFragment(content, doc.getXmlFragment(documentLayout.content));
  // Every empty paragraph gets its text node now, so the first two people to type into one
  // type into the same node (lib/editor/text-in-empty-blocks.ts says why that matters).
  giveEmptyTextblocksText(doc.getXmlFragment(documentLayout.content), schema);
  addTagsToDocument(doc, tags);
  // `clientId`: what the document was written with, to bind to its author (the live-sync
  // server refuses anyone else's writes with it).
  return { state: Y.encodeStateAsUpdate(doc), plainText: documentPlainText(doc), extent: measureTranscript(doc), clientId: doc.clientID };
}
