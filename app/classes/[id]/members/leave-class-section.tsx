import { ActionButtonForm } from '@/app/forms/action-button-form';
import { lastInstructorMessage } from '@/lib/memberships/last-instructor';
import { leaveClassAction } from './member-actions';

interface LeaveClassSectionProps {
  classId: string;
  className: string;
  /** The viewer is the class's only instructor: the control says up front why they cannot leave (the service refuses it anyway). */
  onlyInstructor?: boolean;
}

/** Anyone may leave, except the last instructor, who is told before anything is asked. */
export function LeaveClassSection({ classId, className, onlyInstructor = false }: LeaveClassSectionProps) {
  return (
    <section className="card" aria-labelledby="leave-title">
      <h2 id="leave-title">Leave this class</h2>
      {onlyInstructor ? (
        <>
          <p className="muted" id="leave-unavailable">
            You are this class’s only instructor, so you cannot leave it. {lastInstructorMessage}
          </p>
          <button type="button" className="danger" disabled aria-describedby="leave-unavailable">
            Leave class
          </button>
        </>
      ) : (
        <>
          <p className="muted">You lose access to its conversations. To come back you need a current invite code.</p>
          <ActionButtonForm
            action={leaveClassAction.bind(null, classId)}
            pendingLabel="Leaving…"
            confirmMessage={`Leave ${className}? You will need a current invite code to join again.`}
            buttonClassName="danger"
          >
            Leave class
          </ActionButtonForm>
        </>
      )}
    </section>
  );
}
