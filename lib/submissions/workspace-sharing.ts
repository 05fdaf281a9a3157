import type { ConversationKind } from '@/entities';
import { ForbiddenError, InvalidError } from '@/lib/errors';

/**
 * Who may share a workspace with the class (read-only for peers) or stop sharing it: its
 * student only; an instructor sees it anyway and peers cannot share what is not theirs. A
 * conversation that is no workspace has nothing to share (`sharedWithClass` is refused).
 */
export function assertMayShareWorkspace(access: { kind: ConversationKind; isOwner: boolean }): void {
  if (access.kind !== 'workspace') throw new InvalidError('sharedWithClass', 'sharedWithClass applies to a student’s workspace only');
  if (!access.isOwner) throw new ForbiddenError('Only its student can share a workspace with the class.');
}
