import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Class, Conversation, ConversationClient, User } from '@/entities';
import { assertClassNotArchived, requireClassMember } from '@/lib/classes/class-access';
import { buildTranscriptDocument } from '@/lib/editor/transcript-document';
import { assertImportedDocumentWithinLimits } from '@/lib/import/imported-document-limits';
import { requiredText } from '@/lib/field-schemas';
import { parseInput } from '@/lib/parse-input';
import { toConversationRead, type ConversationRead } from './conversation-schemas';
import { importTranscript, pastedText, unmarkedSplit, type TranscriptImport } from './import-transcript';
import { limits } from '@/lib/limits';
import { defaultTags } from '@/lib/editor/default-tags';
import { vocabularyFor } from '@/lib/vocabularies/vocabulary-document';

export const startConversationSchema = z.object(
  {
    title: requiredText(limits.fields.titleCharacters),
    text: pastedText().optional(),
    html: pastedText().optional(),
    /** How to split pasted text that names no speaker (the page asks); default one assistant turn. */
    split: unmarkedSplit().optional(),
  },
  { error: 'must be an object' },
);

export type StartConversationInput = z.input<typeof startConversationSchema>;

export interface StartedConversation extends ConversationRead {
  platform: TranscriptImport['platform'];
  turnCount: number;
}

/**
 * A member starts a conversation in their class: empty, from pasted text, or from a chat
 * pasted as HTML (imported into turns). Its document is built here, so the first person to
 * open it sees the turns at once, with the class's tag vocabulary (the default tags when the
 * class has none) and the class's tag lock.
 */
export async function startConversation(em: EntityManager, userId: string, classId: string, input: StartConversationInput): Promise<StartedConversation> {
  const data = parseInput(startConversationSchema, input);
  const { entity } = await requireClassMember(em, userId, classId);
  assertClassNotArchived(entity);
  const imported = importTranscript({ text: data.text, html: data.html, split: data.split });
  const vocabulary = await vocabularyFor(em, classId, null);
  const { state, plainText, extent, clientId } = buildTranscriptDocument(imported.turns, vocabulary.tags.length > 0 ? vocabulary.tags : defaultTags);
  if (imported.field) assertImportedDocumentWithinLimits(extent, state.byteLength, imported.field);
  const conversation = await em.transactional(async (transaction) => {
    // The lock as it is now, not as it was when the tags were read: a lock being set waits for
    // this row (and then finds the conversation), or this waits for it (and reads it).
    const [klass] = await transaction.execute<{ tags_locked: boolean }[]>('select tags_locked from classes where id = ? for share', [classId]);
    const created = transaction.create(Conversation, {
      title: data.title,
      rawText: plainText,
      yjsState: state,
      tagsLocked: klass?.tags_locked ?? vocabulary.locked,
      class: transaction.getReference(Class, classId),
      owner: transaction.getReference(User, userId),
    });
    // The imported content is its starter's: nobody else may write with its client id.
    transaction.create(ConversationClient, { conversation: created, clientId, user: transaction.getReference(User, userId) });
    return created;
  });
  return { ...toConversationRead(conversation), platform: imported.platform, turnCount: imported.turns.length };
}
