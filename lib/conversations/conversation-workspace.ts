import type { EntityManager } from '@mikro-orm/postgresql';
import type { MembershipRole } from '@/entities';
import { isClassArchived } from '@/lib/classes/class-access';
import { requireConversationMember } from './conversation-access';
import type { EditPermission } from './edit-permission';
import { deletePermission, type DeletePermission } from './trash-permissions';

/** What the conversation page needs to open the live editor. */
export interface ConversationWorkspace extends EditPermission {
  conversationId: string;
  title: string;
  classId: string;
  className: string;
  ownerId: string;
  locked: boolean;
  /** Students may annotate but not change the text (`locked` wins). */
  annotateOnly: boolean;
  role: MembershipRole;
  /** Whether the page offers the form to add a tag: not to a student where the tags are locked (the server refuses it). */
  mayAddTags: boolean;
  /** Whether the page offers Delete, and why not. */
  deletion: DeletePermission;
}

export async function loadConversationWorkspace(em: EntityManager, userId: string, conversationId: string): Promise<ConversationWorkspace> {
  const { conversation, role, isOwner, canEdit, canChangeText, readOnlyReason, kind, activityId, mayAddTags } = await requireConversationMember(em, userId, conversationId);
  const archived = isClassArchived(conversation.class);
  return {
    conversationId: conversation.id,
    title: conversation.title,
    classId: conversation.class.id,
    className: conversation.class.name,
    ownerId: conversation.owner.id,
    locked: conversation.locked,
    annotateOnly: conversation.annotateOnly,
    role,
    mayAddTags,
    canEdit,
    canChangeText,
    readOnlyReason,
    deletion: deletePermission({ role, isOwner, locked: conversation.locked, archived, kind, activityId }),
  };
}
