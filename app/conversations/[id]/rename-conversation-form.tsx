'use client';

import { useActionState } from 'react';
import { FormMessage } from '../../forms/form-message';
import { idleFormState, type FormState } from '../../forms/form-state';
import { SubmitButton } from '../../forms/submit-button';

export function RenameConversationForm({ title, action }: { title: string; action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, idleFormState);
  return (
    <form action={formAction} className="inline-form">
      <label htmlFor="conversation-title">Title</label>
      <input id="conversation-title" name="title" defaultValue={state.status === 'error' ? (state.values?.title ?? title) : title} required maxLength={300} />
      <SubmitButton pendingLabel="Saving…" className="secondary">
        Rename
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
