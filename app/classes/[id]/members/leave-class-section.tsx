import { ActionButtonForm } from '@/app/forms/action-button-form';
import { leaveClassAction } from './member-actions';

/** Anyone may leave; the last instructor is told to hand over first (the service says so). */
export function LeaveClassSection({ classId, className }: { classId: string; className: string }) {
  return (
    <section className="card" aria-labelledby="leave-title">
      <h2 id="leave-title">Leave this class</h2>
      <p className="muted">You lose access to its conversations. To come back you need a current invite code.</p>
      <ActionButtonForm
        action={leaveClassAction.bind(null, classId)}
        pendingLabel="Leaving…"
        confirmMessage={`Leave ${className}? You will need a current invite code to join again.`}
        buttonClassName="danger"
      >
        Leave class
      </ActionButtonForm>
    </section>
  );
}
