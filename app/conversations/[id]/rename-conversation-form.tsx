'use client';

import { FormMessage } from '@/app/forms/form-message';
import type { FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { useFormAction } from '@/app/forms/use-form-action';
import { limits } from '@/lib/limits';

export function RenameConversationForm({ title, action }: { title: string; action: (previous: FormState, formData: FormData) => Promise<FormState> }) {
  const { state, formAction, typed } = useFormAction(action);
  return (
    <form action={formAction} className="inline-form">
      <label htmlFor="conversation-title">Title</label>
      <input id="conversation-title" name="title" defaultValue={typed('title', title)} required maxLength={limits.fields.titleCharacters} />
      <SubmitButton pendingLabel="Saving…" className="secondary">
        Rename
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
