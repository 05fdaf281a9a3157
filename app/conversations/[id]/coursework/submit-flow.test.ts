import { describe, expect, it } from 'vitest';
import { editingPaused, nextSubmitPhase, SAVE_WAIT_MS, sendDecision, submitPhaseNotice, type SubmitEvent, type SubmitPhase } from './submit-flow';

function run(events: SubmitEvent[], from: SubmitPhase = 'idle'): SubmitPhase {
  return events.reduce(nextSubmitPhase, from);
}

describe('nextSubmitPhase', () => {
  it('pauses editing from the press, through the save and the sending, until the read-only permission arrives', () => {
    expect(run([{ type: 'pressed' }])).toBe('saving');
    expect(run([{ type: 'pressed' }, { type: 'sending' }])).toBe('sending');
    // The server's permission may arrive before its answer: still paused until the answer.
    expect(run([{ type: 'pressed' }, { type: 'sending' }, { type: 'permission', canEdit: false }])).toBe('sending');
    const answered = run([{ type: 'pressed' }, { type: 'sending' }, { type: 'answered', ok: true, canEdit: true }]);
    expect(answered).toBe('handed-in');
    expect(editingPaused(answered)).toBe(true);
    expect(run([{ type: 'status', status: 'submitted' }], answered)).toBe('handed-in');
    expect(run([{ type: 'permission', canEdit: true }], answered)).toBe('handed-in');
    expect(run([{ type: 'permission', canEdit: false }], answered)).toBe('idle');
  });

  it('gives editing back at once when the permission was read-only before the answer', () => {
    expect(run([{ type: 'pressed' }, { type: 'sending' }, { type: 'answered', ok: true, canEdit: false }])).toBe('idle');
  });

  it('gives editing back when the server refuses the submission, or the page gave up waiting for the save', () => {
    expect(run([{ type: 'pressed' }, { type: 'sending' }, { type: 'answered', ok: false, canEdit: true }])).toBe('idle');
    expect(run([{ type: 'pressed' }, { type: 'gave-up' }])).toBe('idle');
  });

  it('lets the permission decide again once the page shows the work unsubmitted or returned', () => {
    expect(run([{ type: 'status', status: 'in_progress' }], 'handed-in')).toBe('idle');
    expect(run([{ type: 'status', status: 'returned' }], 'handed-in')).toBe('idle');
    // Not while the submission is on its way (the page's old status is rendered again).
    expect(run([{ type: 'status', status: 'in_progress' }], 'sending')).toBe('sending');
  });

  it('ignores a second press while one is on its way', () => {
    expect(run([{ type: 'pressed' }], 'sending')).toBe('sending');
  });
});

describe('editingPaused and its notice', () => {
  it('is paused, with a visible Submitting… state, in every phase but idle', () => {
    expect(editingPaused('idle')).toBe(false);
    expect(submitPhaseNotice('idle')).toBeNull();
    for (const phase of ['saving', 'sending'] as const) {
      expect(editingPaused(phase)).toBe(true);
      expect(submitPhaseNotice(phase)).toMatch(/^Submitting…/);
    }
  });
});

describe('sendDecision', () => {
  it('sends only once everything typed has reached the server', () => {
    expect(sendDecision({ saved: true, stopped: false, waitedMs: 0 })).toEqual({ kind: 'send' });
    expect(sendDecision({ saved: false, stopped: false, waitedMs: 0 })).toEqual({ kind: 'wait' });
    expect(sendDecision({ saved: false, stopped: false, waitedMs: SAVE_WAIT_MS - 1 })).toEqual({ kind: 'wait' });
  });

  it('gives up (submits nothing) when the save does not come, or syncing stopped', () => {
    expect(sendDecision({ saved: false, stopped: false, waitedMs: SAVE_WAIT_MS })).toMatchObject({ kind: 'give-up', message: expect.stringContaining('nothing was submitted') });
    expect(sendDecision({ saved: true, stopped: true, waitedMs: 0 })).toMatchObject({ kind: 'give-up' });
  });
});
