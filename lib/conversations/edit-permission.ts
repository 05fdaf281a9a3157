import type { ConversationKind, MembershipRole, SubmissionStatus } from '@/entities';

export interface EditPermission {
  /**
   * Whether they may write to its document at all: annotate (highlights, comments and tags,
   * within the annotation rules of `server/sync/annotation-rules.ts`), and change its text
   * too when `canChangeText`.
   */
  canEdit: boolean;
  /** Whether they may change its text: the transcript (`content`) and the response. Never without `canEdit`. */
  canChangeText: boolean;
  /**
   * Why not everything, in words for the person: why it is read-only when not `canEdit`, why
   * its text is frozen when `canEdit` but not `canChangeText`; empty when they may do both.
   */
  readOnlyReason: string;
}

export interface EditPermissionInput {
  role: MembershipRole;
  locked: boolean;
  /** An instructor froze the text: students may still annotate. `locked` wins over it. Default: false. */
  annotateOnly?: boolean;
  archived: boolean;
  /** Defaults: a class conversation, not the person's, with no submission. */
  kind?: ConversationKind;
  isOwner?: boolean;
  submissionStatus?: SubmissionStatus | null;
}

/** What a student is told while the text is frozen (the page shows it too, from the permission message). */
export const frozenTextReason = 'An instructor has frozen the text: you can still highlight and comment.';

const readOnly = (readOnlyReason: string): EditPermission => ({ canEdit: false, canChangeText: false, readOnlyReason });

/**
 * Who may change a conversation's document: nobody while the class is archived; instructors
 * always otherwise; students unless it is locked, and in a workspace only its own student,
 * while it is not submitted (peers read a shared one). A student in an annotate-only
 * conversation may annotate but not change the text. The live-sync server, the HTTP
 * services and the page all ask here.
 */
export function editPermission(access: EditPermissionInput): EditPermission {
  if (access.archived) return readOnly('This class is archived, so its conversations are read-only.');
  if (access.role === 'instructor') return { canEdit: true, canChangeText: true, readOnlyReason: '' };
  if (access.kind === 'template') return readOnly('Only instructors may change an activity’s template.');
  if (access.kind === 'workspace' && !access.isOwner) return readOnly('Its student shares this workspace with the class for reading.');
  if (access.kind === 'workspace' && access.submissionStatus === 'submitted') {
    return readOnly('You have submitted this work, so it is read-only until an instructor returns it (or you unsubmit it).');
  }
  if (access.locked) return readOnly('An instructor has locked this conversation.');
  if (access.annotateOnly) return { canEdit: true, canChangeText: false, readOnlyReason: frozenTextReason };
  return { canEdit: true, canChangeText: true, readOnlyReason: '' };
}
