'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef } from 'react';
import type { FormState } from '@/app/forms/form-state';
import { DateTimeText } from '@/app/components/date-time-text';
import { describeWordCount } from '@/lib/activities/word-limits';
import { courseworkControls, lateLabel, submissionStatusLabels, workOfLabel } from '@/lib/submissions/coursework-controls';
import type { WorkspaceCoursework } from '@/lib/submissions/workspace-coursework';
import { submitWorkspaceAction, unsubmitWorkspaceAction } from '../coursework-actions';
import { OnceActionButton } from './once-action-button';
import { ReturnedFeedback } from './returned-feedback';
import { ReturnToStudentForm } from './return-to-student-form';
import { ShareToggle } from './share-toggle';
import type { SubmitAfterSave } from './use-submit-after-save';

interface CourseworkPanelProps {
  conversationId: string;
  coursework: WorkspaceCoursework;
  /**
   * What the live document says now: the page may edit (the server's permission), is
   * connected, and syncing has not stopped for good.
   */
  live: { editable: boolean; connected: boolean; stopped: boolean };
  /** Words in the response as the response editor counts them; null until it has counted. */
  responseWords: number | null;
  /** The page's Submit press: pauses editing, waits for the last changes, then sends. */
  submitFlow: SubmitAfterSave;
}

/**
 * A workspace's coursework over the transcript: whose work and which activity, when it is due,
 * its status, the instructions, the returned feedback, and what the viewer may do (submit,
 * unsubmit and share for its student; return with a grade for an instructor).
 */
export function CourseworkPanel({ conversationId, coursework, live, responseWords, submitFlow }: CourseworkPanelProps) {
  const { activity, submission } = coursework;
  const wordCount = responseWords === null ? null : describeWordCount(responseWords, activity.responseLimits);
  // Submit is not held back while the last keystrokes are on their way: the press pauses
  // editing and waits for them itself (`submit-flow.ts`), so `saved` is not a reason here.
  const controls = courseworkControls({ may: coursework.may, status: submission.status, connected: live.connected, saved: true, wordCount });
  const late = lateLabel(submission, activity.effectiveDueAt, new Date());
  const { submit: submitAfterSave, press: pressSubmit } = submitFlow;
  const submitAction = useCallback(
    (previous: FormState) => submitAfterSave(() => submitWorkspaceAction(conversationId, previous)),
    [submitAfterSave, conversationId],
  );
  useRefreshWhenPermissionChanges(live.editable, live.stopped);
  // Its student's page learns of a submit, return or unsubmit from its permission; an
  // instructor (who may always edit) does not, so their page asks again.
  useRefreshWhileVisible(coursework.isInstructor && !coursework.isOwnStudent && !live.stopped);

  return (
    <div className="coursework">
      {submission.returnedAt !== null && (coursework.isOwnStudent || coursework.isInstructor) && (
        <ReturnedFeedback grade={submission.grade} gradeOutOf={activity.gradeOutOf} feedback={submission.feedback} returnedAt={submission.returnedAt} forStudent={coursework.isOwnStudent} />
      )}
      <section className="coursework-panel" aria-labelledby="coursework-heading" data-testid="coursework-panel">
        <h2 id="coursework-heading">
          {coursework.isOwnStudent ? 'Your work for ' : `${workOfLabel(coursework.studentName)} for `}
          <a href={`/activities/${activity.id}`}>{activity.title}</a>
        </h2>
        <p className="coursework-facts">
          <span className="badge" data-testid="submission-status">
            {submissionStatusLabels[submission.status]}
          </span>
          {late && <span className="badge badge-late">{late}</span>}
          {activity.effectiveDueAt ? (
            <span>
              Due <DateTimeText iso={activity.effectiveDueAt} />
              {activity.effectiveDueAt !== activity.dueAt && ' (extended)'}
            </span>
          ) : (
            <span className="muted">No due date</span>
          )}
          {submission.submittedAt && (
            <span>
              Submitted <DateTimeText iso={submission.submittedAt} />
            </span>
          )}
        </p>
        {activity.instructionsHtml.trim() && (
          <details className="coursework-instructions">
            <summary>Instructions</summary>
            <div className="activity-instructions" dangerouslySetInnerHTML={{ __html: activity.instructionsHtml }} />
          </details>
        )}
        {(controls.submit || controls.unsubmit || controls.share) && (
          <div className="button-row coursework-actions">
            {controls.submit && (
              <OnceActionButton action={submitAction} pendingLabel="Submitting…" blockedReason={controls.submit.blockedReason} onPress={pressSubmit}>
                {submission.status === 'returned' ? 'Submit again' : 'Submit'}
              </OnceActionButton>
            )}
            {controls.unsubmit && (
              <OnceActionButton action={unsubmitWorkspaceAction.bind(null, conversationId)} pendingLabel="Unsubmitting…" className="secondary">
                Unsubmit
              </OnceActionButton>
            )}
            {controls.share && <ShareToggle conversationId={conversationId} shared={coursework.sharedWithClass} />}
          </div>
        )}
        {controls.returnToStudent && (
          <ReturnToStudentForm
            // Anew after each return only: a status changing under the instructor's typing (a refresh) keeps it.
            key={submission.returnedAt ?? 'never-returned'}
            conversationId={conversationId}
            gradeOutOf={activity.gradeOutOf}
            grade={submission.grade}
            feedback={submission.feedback}
            returnedBefore={submission.status === 'returned'}
          />
        )}
      </section>
    </div>
  );
}

/**
 * The server's permission changes when the work is submitted, returned or unsubmitted (here or
 * elsewhere: an instructor returning it while its student has it open): render the page again
 * for the new status and feedback. The editor itself already follows the permission.
 */
function useRefreshWhenPermissionChanges(editable: boolean, stopped: boolean): void {
  const router = useRouter();
  const previous = useRef(editable);
  useEffect(() => {
    // Stopped for good (removed, deleted, signed out): the page keeps its notice and any text to copy out.
    if (stopped || previous.current === editable) return;
    previous.current = editable;
    router.refresh();
  }, [editable, stopped, router]);
}

/** How often a page that gets no permission change asks the server again for the coursework. */
const REFRESH_EVERY_MS = 15_000;

/**
 * Renders the page again every `REFRESH_EVERY_MS` while the tab is visible, and at once when
 * it becomes visible again after at least that long: a student's submit shows within 15 s on
 * an instructor's open page. A poll rather than a refresh on focus only: an instructor who
 * keeps the workspace open beside another window never focuses it again; one hidden tab costs
 * nothing, and a visible one a page render every 15 s.
 */
function useRefreshWhileVisible(enabled: boolean): void {
  const router = useRouter();
  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    const refresh = () => {
      last = Date.now();
      router.refresh();
    };
    const onTimer = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && Date.now() - last >= REFRESH_EVERY_MS) refresh();
    };
    const timer = setInterval(onTimer, REFRESH_EVERY_MS);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, router]);
}
