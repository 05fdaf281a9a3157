'use client';

import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { SubmissionStatus } from '@/entities';
import type { FormState } from '@/app/forms/form-state';
import { nextSubmitPhase, sendDecision, SAVE_WAIT_MS, type SubmitPhase } from './submit-flow';

interface LiveForSubmit {
  /** Every change made on this page has reached the server (`useChangesSaved`). */
  saved: boolean;
  /** Syncing stopped for good. */
  stopped: boolean;
  /** The server's permission for this page (not counting the pause). */
  canEdit: boolean;
  /** The submission's status as the page was last rendered. */
  status: SubmissionStatus;
}

export interface SubmitAfterSave {
  phase: SubmitPhase;
  /** Called as Submit is pressed (in the click's own event, so editing pauses before any later keystroke). */
  press(): void;
  /** Waits until what was typed has reached the server, then sends; gives editing back on a refusal. */
  submit(send: () => Promise<FormState>): Promise<FormState>;
}

/** The Submit press of `submit-flow.ts` on a live page. */
export function useSubmitAfterSave({ saved, stopped, canEdit, status }: LiveForSubmit): SubmitAfterSave {
  const [phase, dispatch] = useReducer(nextSubmitPhase, 'idle');
  const latest = useRef({ saved, stopped, canEdit });
  const waiters = useRef(new Set<() => void>());

  useLayoutEffect(() => {
    latest.current = { saved, stopped, canEdit };
    for (const wake of [...waiters.current]) wake();
  }, [saved, stopped, canEdit]);
  useEffect(() => dispatch({ type: 'permission', canEdit }), [canEdit]);
  useEffect(() => dispatch({ type: 'status', status }), [status]);

  const press = useCallback(() => dispatch({ type: 'pressed' }), []);

  const submit = useCallback(async (send: () => Promise<FormState>): Promise<FormState> => {
    dispatch({ type: 'pressed' });
    const ready = await untilSendable(() => latest.current, waiters.current);
    if (ready.kind === 'give-up') {
      dispatch({ type: 'gave-up' });
      return { status: 'error', message: ready.message };
    }
    dispatch({ type: 'sending' });
    try {
      const answer = await send();
      dispatch({ type: 'answered', ok: answer.status === 'success', canEdit: latest.current.canEdit });
      return answer;
    } catch {
      dispatch({ type: 'answered', ok: false, canEdit: latest.current.canEdit });
      return { status: 'error', message: 'The submission did not reach the server. Check your connection and try again.' };
    }
  }, []);

  return { phase, press, submit };
}

/** Resolves once `sendDecision` says send or give up, looking again whenever the page's live state changes. */
function untilSendable(read: () => { saved: boolean; stopped: boolean }, waiters: Set<() => void>) {
  const started = Date.now();
  return new Promise<{ kind: 'send' } | { kind: 'give-up'; message: string }>((resolve) => {
    const look = () => {
      const decision = sendDecision({ ...read(), waitedMs: Date.now() - started });
      if (decision.kind === 'wait') return;
      waiters.delete(look);
      clearTimeout(timer);
      resolve(decision);
    };
    const timer = setTimeout(look, SAVE_WAIT_MS);
    waiters.add(look);
    look();
  });
}
