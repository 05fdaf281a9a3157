import type { MembershipRole } from '@/entities';

export interface EditPermission {
  canEdit: boolean;
  /** Why not, in words for the person: empty when they can edit. */
  readOnlyReason: string;
}

/**
 * Who may change a conversation's document: instructors always, students unless it is
 * locked, nobody while the class is archived. The live-sync server and the page both ask here.
 */
export function editPermission(access: { role: MembershipRole; locked: boolean; archived: boolean }): EditPermission {
  if (access.archived) return { canEdit: false, readOnlyReason: 'This class is archived, so its conversations are read-only.' };
  if (access.locked && access.role !== 'instructor') return { canEdit: false, readOnlyReason: 'An instructor has locked this conversation.' };
  return { canEdit: true, readOnlyReason: '' };
}
