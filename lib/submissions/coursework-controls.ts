import type { SubmissionStatus } from '@/entities';
import type { WordCountDescription } from '@/lib/activities/word-limits';
import type { WorkspaceCoursework } from './workspace-coursework';

/**
 * What a workspace page offers around its coursework, decided from what the server allows
 * (`courseworkForWorkspace`'s `may`) and what the page knows now: whether its last changes
 * have reached the server and how the response's words stand. The server checks every one of
 * these again; the page only mirrors it, so that a button is not offered that would fail.
 */
export interface CourseworkControlsInput {
  may: { submit: boolean; unsubmit: boolean; return: boolean; share: boolean };
  status: SubmissionStatus;
  /** The live connection is up (a submission made while offline would miss the last words). */
  connected: boolean;
  /** Every change typed on this page has reached the server. */
  saved: boolean;
  /** The response's words against the activity's limits (`describeWordCount`); null until the response is loaded. */
  wordCount: WordCountDescription | null;
}

export interface CourseworkControls {
  /** Null when Submit is not offered; otherwise why it must wait (null reason: it may be pressed). */
  submit: { blockedReason: string | null } | null;
  unsubmit: boolean;
  share: boolean;
  /** The instructor's Return to student form (grade and feedback). */
  returnToStudent: boolean;
}

export function courseworkControls({ may, status, connected, saved, wordCount }: CourseworkControlsInput): CourseworkControls {
  return {
    submit: may.submit && status !== 'submitted' ? { blockedReason: submitBlockedReason({ connected, saved, wordCount }) } : null,
    unsubmit: may.unsubmit && status === 'submitted',
    share: may.share,
    returnToStudent: may.return,
  };
}

function submitBlockedReason({ connected, saved, wordCount }: Pick<CourseworkControlsInput, 'connected' | 'saved' | 'wordCount'>): string | null {
  if (!connected) return 'Reconnect to submit: your last changes must reach the server first.';
  if (!saved) return 'Saving your last changes…';
  if (wordCount === null) return 'Loading your response…';
  if (wordCount.blocksSubmission) return `${wordCount.text}.`;
  return null;
}

// The one status labels and late badge, for the workspace page too.
export { lateLabel, workStatusLabels as submissionStatusLabels } from '@/lib/activities/work-status';

/** The heading over someone else's workspace: "Sam Student’s work", "Peer 2’s work". */
export function workOfLabel(studentName: string): string {
  return `${studentName}’s work`;
}

/**
 * How the annotations panel names authors: for a peer reading an anonymous activity's shared
 * workspace, the student's highlights and comments under their peer label ("Peer 1"); for
 * everyone else (and everyone else's annotations) as stored. Undefined: as stored.
 */
export function peerAuthorLabel(
  coursework: Pick<WorkspaceCoursework, 'isOwnStudent' | 'isInstructor' | 'studentId' | 'studentName'> & { activity: Pick<WorkspaceCoursework['activity'], 'anonymousPeers'> } | null,
): ((authorId: string, authorName: string) => string) | undefined {
  if (!coursework || coursework.isOwnStudent || coursework.isInstructor || !coursework.activity.anonymousPeers) return undefined;
  const { studentId, studentName } = coursework;
  return (authorId, authorName) => (authorId === studentId ? studentName : authorName);
}
