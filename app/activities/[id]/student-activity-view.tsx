import type { ActivityForViewer } from '@/lib/activities/activity-schemas';
import { DateTimeText } from '@/app/components/date-time-text';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { lateLabel, workStatusLabels } from '@/lib/activities/work-status';
import { ActivityInstructions } from './activity-instructions';
import { startWorkspaceAction } from './activity-actions';

/** A student's view: what to do, by when, where their work stands, and the way into it. */
export function StudentActivityView({ activity }: { activity: ActivityForViewer }) {
  const workspace = activity.workspace;
  const state = workspace?.status ?? 'not_started';
  const late = lateLabel({ status: state, late: workspace?.late ?? false }, activity.effectiveDueAt, new Date());
  const hasExtension = activity.effectiveDueAt !== null && activity.effectiveDueAt !== activity.dueAt;
  const openConversation = workspace?.conversationId ?? activity.sharedConversationId;
  return (
    <>
      <header className="activity-header">
        <h1>{activity.title}</h1>
        {activity.mode === 'individual' && (
          <p className="to-do-status">
            <span className={`badge status-${state}`}>{workStatusLabels[state]}</span>
            {late && <span className="badge badge-late">{late}</span>}
          </p>
        )}
      </header>
      <dl className="activity-facts">
        <div>
          <dt>Due</dt>
          <dd>
            {activity.effectiveDueAt ? <DateTimeText iso={activity.effectiveDueAt} /> : 'No due date'}
            {hasExtension && <span className="muted"> (your extension)</span>}
          </dd>
        </div>
        {workspace?.submittedAt && (
          <div>
            <dt>Submitted</dt>
            <dd>
              <DateTimeText iso={workspace.submittedAt} />
            </dd>
          </div>
        )}
        {activity.effectiveDueAt && !activity.allowLateSubmissions && (
          <div>
            <dt>Late work</dt>
            <dd>Not accepted after the due date</dd>
          </div>
        )}
      </dl>

      <div className="activity-start">
        {openConversation ? (
          <a className="button" href={`/conversations/${openConversation}`}>
            {activity.mode === 'class' ? 'Open the class conversation' : 'Continue'}
          </a>
        ) : (
          <ActionButtonForm action={startWorkspaceAction.bind(null, activity.id)} pendingLabel="Starting…">
            Start
          </ActionButtonForm>
        )}
      </div>

      {workspace?.status === 'returned' && (
        <section className="card returned-work" aria-labelledby="returned-title">
          <h2 id="returned-title">Returned to you</h2>
          <dl className="activity-facts">
            {workspace.returnedAt && (
              <div>
                <dt>Returned</dt>
                <dd>
                  <DateTimeText iso={workspace.returnedAt} />
                </dd>
              </div>
            )}
            <div>
              <dt>Grade</dt>
              <dd>{workspace.grade ? `${workspace.grade}${activity.gradeOutOf !== null ? ` / ${activity.gradeOutOf}` : ''}` : 'No grade'}</dd>
            </div>
          </dl>
          <h3>Feedback</h3>
          {workspace.feedback ? <p className="feedback-text">{workspace.feedback}</p> : <p className="muted">No written feedback.</p>}
          <p className="muted">You can edit your work again and submit it once more.</p>
        </section>
      )}

      <section className="card" aria-labelledby="instructions-title">
        <h2 id="instructions-title">Instructions</h2>
        <ActivityInstructions activity={activity} />
      </section>

      {activity.sharedWorkspaces.length > 0 && (
        <section className="card" aria-labelledby="shared-title">
          <h2 id="shared-title">Shared by classmates</h2>
          <p className="muted">Read-only: classmates chose to share these with the class.</p>
          <ul className="shared-workspaces">
            {activity.sharedWorkspaces.map((shared) => (
              <li key={shared.conversationId}>
                <a href={`/conversations/${shared.conversationId}`}>{shared.ownerLabel}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
