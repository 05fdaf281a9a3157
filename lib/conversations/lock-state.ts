/**
 * The three states an instructor picks between for a conversation, and the two stored flags
 * each stands for (`locked`, `annotateOnly`: `editPermission` decides what they mean, locked
 * winning). The control sets both at once, so a conversation is always in one of them as
 * the control shows it.
 */
export const lockStates = ['open', 'annotate-only', 'locked'] as const;
export type LockState = (typeof lockStates)[number];

export const lockStateLabels: Record<LockState, { label: string; hint: string; saved: string }> = {
  open: { label: 'Open', hint: 'Students edit the text, highlight and comment.', saved: 'Open: students can edit the text again.' },
  'annotate-only': {
    label: 'Annotate only',
    hint: 'The text is frozen; students still highlight and comment.',
    saved: 'Annotate only: the text is frozen; students can still highlight and comment.',
  },
  locked: { label: 'Locked', hint: 'Students only read: no edits, highlights or comments.', saved: 'Locked: students can read but not edit.' },
};

/** The state a conversation's flags show (locked wins). */
export function lockStateOf(flags: { locked: boolean; annotateOnly: boolean }): LockState {
  if (flags.locked) return 'locked';
  return flags.annotateOnly ? 'annotate-only' : 'open';
}

/** The flags a state is stored as. */
export function flagsOfLockState(state: LockState): { locked: boolean; annotateOnly: boolean } {
  return { locked: state === 'locked', annotateOnly: state === 'annotate-only' };
}

export function isLockState(value: unknown): value is LockState {
  return typeof value === 'string' && (lockStates as readonly string[]).includes(value);
}
