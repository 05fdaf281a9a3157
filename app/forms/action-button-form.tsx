'use client';

import { useActionState, type ReactNode } from 'react';
import { FormMessage } from './form-message';
import { idleFormState, type FormState } from './form-state';
import { SubmitButton } from './submit-button';

interface ActionButtonFormProps {
  /** A server action, usually bound to its arguments (`rotateInviteCodeAction.bind(null, classId)`). */
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** The button's content; give it words that make sense out of context. */
  children: ReactNode;
  pendingLabel: string;
  confirmMessage?: string;
  buttonClassName?: string;
  className?: string;
}

/** A form that is one button (rotate, archive, remove…), with its outcome shown beside it. */
export function ActionButtonForm({ action, children, pendingLabel, confirmMessage, buttonClassName, className }: ActionButtonFormProps) {
  const [state, formAction] = useActionState(action, idleFormState);
  return (
    <form action={formAction} className={className ?? 'action-button-form'}>
      <SubmitButton pendingLabel={pendingLabel} confirmMessage={confirmMessage} className={buttonClassName}>
        {children}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
