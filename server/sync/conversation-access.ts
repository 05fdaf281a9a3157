import type pg from 'pg';
import { editPermission } from '../../lib/conversations/edit-permission';
import { displayName } from '../../lib/users/display-name';
import type { MembershipRole } from '../../entities';

export type ConversationAccess =
  | {
      granted: true;
      classId: string;
      canEdit: boolean;
      readOnlyReason: string;
      role: MembershipRole;
      /** The name the writer's annotations must carry (`displayName`). */
      authorName: string;
    }
  | {
      granted: false;
      status: 404;
      reason: string;
      /** The conversation is gone (in the trash, or never was), rather than the person not a member. Never told to a newcomer (one 404 for both). */
      missing: boolean;
    };

/**
 * Who may open a conversation's live document, decided in one query: members of its class
 * may read it, and `editPermission` says who may write. A non-member, a conversation in the
 * trash and a missing one get the same answer.
 */
export class ConversationAccessChecker {
  constructor(private readonly pool: pg.Pool) {}

  async check(userId: string, conversationId: string): Promise<ConversationAccess> {
    const result = await this.pool.query<{
      class_id: string;
      locked: boolean;
      archived: boolean;
      role: MembershipRole | null;
      name: string | null;
      email: string | null;
    }>(
      `select c.class_id, c.locked, cl.archived_at is not null as archived, m.role, u.name, u.email
         from conversations c
         join classes cl on cl.id = c.class_id
         left join memberships m on m.class_id = c.class_id and m.user_id = $2
         left join users u on u.id = m.user_id
        where c.id = $1 and c.deleted_at is null`,
      [conversationId, userId],
    );
    const row = result.rows[0];
    if (!row || !row.role) return { granted: false, status: 404, reason: 'No such conversation.', missing: !row };
    return {
      granted: true,
      classId: row.class_id,
      role: row.role,
      authorName: displayName({ name: row.name, email: row.email ?? '' }),
      ...editPermission({ role: row.role, locked: row.locked, archived: row.archived }),
    };
  }
}
