import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readConversationFixture } from '@/lib/import/conversation-fixtures';
import { visibleText } from '@/lib/import/fixture-import-expectations';
import { importPastedHtml } from '@/lib/import/import-pasted-html';
import { serializeTranscriptBlocks } from '@/lib/import/transcript-blocks';
import { documentLayout } from '@/lib/sync/document-layout';
import { documentPlainText } from '@/lib/sync/document-text';
import { buildTranscriptDocument } from './transcript-document';

const fixtures = [
  'claude_cooking.html.gz',
  'openai_biblatex.html.gz',
  'chatgpt54-emoji.html.gz',
  'google_gemini_debug.html.gz',
  'google_aistudio_ux_discussion.html.gz',
  'scienceos_loc.html.gz',
  'openrouter_fizzbuzz.html.gz',
  'chatcraft_prd.html.gz',
];

describe('imported fixtures become editor documents without losing turns or text', () => {
  for (const fixture of fixtures) {
    test(fixture, () => {
      const imported = importPastedHtml(readConversationFixture(fixture));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, buildTranscriptDocument(imported.turns).state);
      const turns = doc.getXmlFragment(documentLayout.content).toArray() as Y.XmlElement[];
      expect(turns.map((turn) => turn.getAttribute('role'))).toEqual(imported.turns.map((turn) => turn.role));
      imported.turns.forEach((turn, index) => {
        const single = new Y.Doc();
        Y.applyUpdate(single, buildTranscriptDocument([turn]).state);
        const kept = documentPlainText(single).replace(/^\w+: /, '').replace(/\s+/g, '');
        const given = visibleText(serializeTranscriptBlocks(turn.blocks)).replace(/\s+/g, '');
        // Every character of the imported text survives the editor's schema (whitespace aside).
        expect(kept, `turn ${index} of ${fixture}`).toBe(given);
      });
    });
  }
});
