import type { ConversationKind, MembershipRole } from '@/entities';

export interface DeletePermission {
  canDelete: boolean;
  /** Why not, in words for the person: empty when they can delete. */
  cannotDeleteReason: string;
}

/**
 * Who may move a conversation to its class's trash: instructors always; its owner unless an
 * instructor locked it or the class is archived, so a student cannot take away what the
 * class's record holds, and never a workspace (its submission with it). The API, the page's
 * Delete button and tests all ask here.
 */
export function deletePermission(access: { role: MembershipRole; isOwner: boolean; locked: boolean; archived: boolean; kind?: ConversationKind; activityId?: string | null }): DeletePermission {
  // What every workspace of an activity starts from, or its class's one conversation: it goes with the activity.
  if (access.kind === 'template' || (access.kind === 'conversation' && access.activityId)) {
    return { canDelete: false, cannotDeleteReason: 'This belongs to an activity: change it from the activity instead of deleting it.' };
  }
  if (access.role === 'instructor') return { canDelete: true, cannotDeleteReason: '' };
  // A student's workspace holds their submission: only an instructor may take it away.
  if (access.kind === 'workspace') return { canDelete: false, cannotDeleteReason: 'Work for an activity can be deleted only by an instructor.' };
  if (!access.isOwner) return { canDelete: false, cannotDeleteReason: 'Only its owner or an instructor can delete a conversation.' };
  if (access.archived) return { canDelete: false, cannotDeleteReason: 'This class is archived, so only an instructor can delete its conversations.' };
  if (access.locked) return { canDelete: false, cannotDeleteReason: 'An instructor has locked this conversation, so only an instructor can delete it.' };
  return { canDelete: true, cannotDeleteReason: '' };
}

/**
 * Who may see a conversation in the trash and restore it: instructors, and its owner (a
 * workspace: instructors only, as only they delete one). Anyone else is told it does not
 * exist, as for any conversation they cannot see.
 */
export function canRestore(access: { role: MembershipRole; isOwner: boolean; kind?: ConversationKind }): boolean {
  return access.role === 'instructor' || (access.isOwner && access.kind !== 'workspace' && access.kind !== 'template');
}
