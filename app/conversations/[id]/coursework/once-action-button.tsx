'use client';

import { useActionState, useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { FormMessage } from '@/app/forms/form-message';
import { idleFormState, type FormState } from '@/app/forms/form-state';

interface OnceActionButtonProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  children: ReactNode;
  pendingLabel: string;
  /** Why it cannot be pressed now (shown beside it, and the button is disabled); null when it can. */
  blockedReason?: string | null;
  confirmMessage?: string;
  className?: string;
  /** Called in the press's own event when the action is about to run (not for a dropped or cancelled press). */
  onPress?: () => void;
}

/**
 * A one-button form whose action runs once per press: a second click before React has
 * re-rendered with the pending state is dropped here (the server would refuse it anyway, but
 * the person would read a needless error). Its outcome is shown beside it.
 */
export function OnceActionButton({ action, children, pendingLabel, blockedReason, confirmMessage, className, onPress }: OnceActionButtonProps) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const sending = useRef(false);
  const reasonId = useId();
  useEffect(() => {
    if (!pending) sending.current = false;
  }, [pending, state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (sending.current || blockedReason || (confirmMessage && !window.confirm(confirmMessage))) {
      event.preventDefault();
      return;
    }
    sending.current = true;
    onPress?.();
  }

  return (
    <form action={formAction} onSubmit={onSubmit} className="action-button-form">
      <button type="submit" className={className} disabled={Boolean(blockedReason) && !pending} aria-disabled={pending || undefined} aria-describedby={blockedReason ? reasonId : undefined}>
        {pending ? pendingLabel : children}
      </button>
      {blockedReason && !pending && (
        <p id={reasonId} className="muted coursework-blocked-reason">
          {blockedReason}
        </p>
      )}
      <FormMessage state={state} />
    </form>
  );
}
