import type { ConversationKind, MembershipRole, SubmissionStatus } from '@/entities';

export interface EditPermission {
  canEdit: boolean;
  /** Why not, in words for the person: empty when they can edit. */
  readOnlyReason: string;
}

export interface EditPermissionInput {
  role: MembershipRole;
  locked: boolean;
  archived: boolean;
  /** Defaults: a class conversation, not the person's, with no submission. */
  kind?: ConversationKind;
  isOwner?: boolean;
  submissionStatus?: SubmissionStatus | null;
}

/**
 * Who may change a conversation's document: nobody while the class is archived; instructors
 * always otherwise; students unless it is locked, and in a workspace only its own student,
 * while it is not submitted (peers read a shared one). The live-sync server and the page
 * both ask here.
 */
export function editPermission(access: EditPermissionInput): EditPermission {
  if (access.archived) return { canEdit: false, readOnlyReason: 'This class is archived, so its conversations are read-only.' };
  if (access.role === 'instructor') return { canEdit: true, readOnlyReason: '' };
  if (access.kind === 'template') return { canEdit: false, readOnlyReason: 'Only instructors may change an activity’s template.' };
  if (access.kind === 'workspace' && !access.isOwner) return { canEdit: false, readOnlyReason: 'Its student shares this workspace with the class for reading.' };
  if (access.kind === 'workspace' && access.submissionStatus === 'submitted') {
    return { canEdit: false, readOnlyReason: 'You have submitted this work, so it is read-only until an instructor returns it (or you unsubmit it).' };
  }
  if (access.locked) return { canEdit: false, readOnlyReason: 'An instructor has locked this conversation.' };
  return { canEdit: true, readOnlyReason: '' };
}
