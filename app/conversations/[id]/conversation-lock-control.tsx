'use client';

import { FormMessage } from '@/app/forms/form-message';
import type { FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { useFormAction } from '@/app/forms/use-form-action';
import { lockStateLabels, lockStates, type LockState } from '@/lib/conversations/lock-state';
import './conversation-lock-control.css';

interface ConversationLockControlProps {
  /** The state as stored (`lockStateOf`). */
  current: LockState;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

/**
 * Where instructors decide what students may do in a conversation: Open, Annotate only (the
 * text is frozen, highlights and comments stay open) or Locked. A radio group, saved with its
 * button; the outcome is announced. Open pages follow within a second (the server tells them).
 */
export function ConversationLockControl({ current, action }: ConversationLockControlProps) {
  const { state, formAction, fieldAria } = useFormAction(action);
  return (
    <form action={formAction} className="lock-control">
      <fieldset {...fieldAria('lock-control-message', { field: 'lockState' })}>
        <legend>What students may do</legend>
        {lockStates.map((option) => (
          <label key={option} className="lock-control-option">
            <input type="radio" name="lockState" value={option} defaultChecked={option === current} aria-describedby={`lock-state-${option}-hint`} />
            <span>
              <strong>{lockStateLabels[option].label}</strong>
              <span id={`lock-state-${option}-hint`} className="muted lock-control-hint">
                {lockStateLabels[option].hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitButton pendingLabel="Saving…" className="secondary">
        Save access
      </SubmitButton>
      <FormMessage state={state} id="lock-control-message" />
    </form>
  );
}
