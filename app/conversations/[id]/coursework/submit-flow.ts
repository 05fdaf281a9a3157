import type { SubmissionStatus } from '@/entities';

/**
 * The page's side of a Submit press. Once the server makes the student's connections
 * read-only, whatever the page still sends is refused (and the page starts again from the
 * server's version, losing it), so from the press editing pauses here: the page first waits
 * until what was typed has reached the server, then sends the submission, and editing stays
 * paused until the server's answer, and after a success until its read-only permission has
 * arrived. A refusal (word limits, a closed activity) gives editing back.
 */
export type SubmitPhase = 'idle' | 'saving' | 'sending' | 'handed-in';

export type SubmitEvent =
  | { type: 'pressed' }
  | { type: 'sending' }
  | { type: 'gave-up' }
  /** The server answered the submission; `canEdit`: the page's permission at that moment. */
  | { type: 'answered'; ok: boolean; canEdit: boolean }
  | { type: 'permission'; canEdit: boolean }
  /** The page was rendered again with this status. */
  | { type: 'status'; status: SubmissionStatus };

export function nextSubmitPhase(phase: SubmitPhase, event: SubmitEvent): SubmitPhase {
  switch (event.type) {
    case 'pressed':
      return phase === 'idle' ? 'saving' : phase;
    case 'sending':
      return 'sending';
    case 'gave-up':
      return 'idle';
    case 'answered':
      // Handed in: paused until the read-only permission is here (unless it came first).
      return event.ok && event.canEdit ? 'handed-in' : 'idle';
    case 'permission':
      return phase === 'handed-in' && !event.canEdit ? 'idle' : phase;
    case 'status':
      // Unsubmitted or returned meanwhile: the permission decides again.
      return phase === 'handed-in' && event.status !== 'submitted' ? 'idle' : phase;
  }
}

/** Whether the editors, the annotation tools and the tag form are read-only here for the submission. */
export function editingPaused(phase: SubmitPhase): boolean {
  return phase !== 'idle';
}

/** What the page says while editing is paused; null when it is not. */
export function submitPhaseNotice(phase: SubmitPhase): string | null {
  if (phase === 'saving') return 'Submitting… saving your last changes first. Editing is paused.';
  if (phase === 'sending') return 'Submitting… editing is paused until it is handed in.';
  if (phase === 'handed-in') return 'Submitted.';
  return null;
}

/** How long a press waits for the last changes to reach the server before it gives up (submits nothing). */
export const SAVE_WAIT_MS = 15_000;

export type SendDecision = { kind: 'send' } | { kind: 'wait' } | { kind: 'give-up'; message: string };

/** Whether the submission may be sent now: only once every change made here has reached the server. */
export function sendDecision({ saved, stopped, waitedMs }: { saved: boolean; stopped: boolean; waitedMs: number }): SendDecision {
  if (stopped) return { kind: 'give-up', message: 'Syncing has stopped on this page, so nothing was submitted.' };
  if (saved) return { kind: 'send' };
  if (waitedMs >= SAVE_WAIT_MS) {
    return { kind: 'give-up', message: 'Your last changes have not reached the server (check your connection), so nothing was submitted. Try again once they are saved.' };
  }
  return { kind: 'wait' };
}
