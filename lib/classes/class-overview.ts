import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Membership, type MembershipRole } from '../../entities';
import { loadById } from '../db/load-by-id';
import type { ConversationSummary } from '../conversations/conversation-schemas';
import { fetchConversationSummaries, selectConversationSummaries, toConversationSummary } from '../conversations/conversation-summaries';
import { toClassRead, type ClassRead } from './class-schemas';

export interface ClassMember {
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
}

export interface ClassOverview {
  class: ClassRead;
  /** Instructors first, then by name. */
  members: ClassMember[];
  /** Newest first. */
  conversations: ConversationSummary[];
}

/**
 * A class with everyone in it and all its conversations (not those in the trash), in three
 * queries however many there are (the class; memberships joined to users; summaries).
 */
export async function loadClassOverview(em: EntityManager, classId: string): Promise<ClassOverview> {
  const entity = await loadById(em, Class, classId, 'class');
  const memberships = await em.find(
    Membership,
    { class: classId },
    {
      populate: ['user'],
      fields: ['role', 'user.id', 'user.name', 'user.email'],
      orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }, { user: { id: 'asc' } }],
    },
  );
  const conversations = await fetchConversationSummaries(
    selectConversationSummaries(em, classId).orderBy([{ updatedAt: 'desc' }, { id: 'desc' }]),
  );
  return {
    class: toClassRead(entity),
    members: memberships.map(({ role, user }) => ({ userId: user.id, name: user.name, email: user.email, role })),
    conversations: conversations.map(toConversationSummary),
  };
}
