import type { RosterEntry } from '@/lib/memberships/roster';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { changeMemberRoleAction, removeMemberAction } from './member-actions';

/** An instructor's buttons on another member's row: switch their role, or remove them. */
export function MemberRowActions({ classId, member }: { classId: string; member: RosterEntry }) {
  const name = member.name || 'this member';
  const newRole = member.role === 'instructor' ? 'student' : 'instructor';
  return (
    <div className="button-row">
      <ActionButtonForm
        action={changeMemberRoleAction.bind(null, classId, member.userId, newRole)}
        pendingLabel="Changing…"
        buttonClassName="secondary"
      >
        {newRole === 'instructor' ? 'Make instructor' : 'Make student'}
        <span className="visually-hidden"> ({name})</span>
      </ActionButtonForm>
      <ActionButtonForm
        action={removeMemberAction.bind(null, classId, member.userId)}
        pendingLabel="Removing…"
        confirmMessage={`Remove ${name} from the class? They can join again only with a current invite code.`}
        buttonClassName="danger"
      >
        Remove<span className="visually-hidden"> {name}</span>
      </ActionButtonForm>
    </div>
  );
}
