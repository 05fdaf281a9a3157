'use client';

import { useActionState } from 'react';
import { FormMessage } from '../../../forms/form-message';
import { idleFormState, type FormState } from '../../../forms/form-state';
import { SubmitButton } from '../../../forms/submit-button';

interface ClassDetailsFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  name: string;
  description: string;
}

/** Rename and describe a class. */
export function ClassDetailsForm({ action, name, description }: ClassDetailsFormProps) {
  const [state, formAction] = useActionState(action, idleFormState);
  const invalidField = state.status === 'error' ? state.field : undefined;
  const typed = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="stack">
      <label htmlFor="class-name">Class name</label>
      <input
        id="class-name"
        name="name"
        type="text"
        required
        maxLength={200}
        defaultValue={typed?.name ?? name}
        autoComplete="off"
        aria-invalid={invalidField === 'name' || undefined}
        aria-describedby={invalidField === 'name' ? 'class-details-message' : undefined}
      />
      <label htmlFor="class-description">Description</label>
      <textarea
        id="class-description"
        name="description"
        rows={4}
        maxLength={10_000}
        defaultValue={typed?.description ?? description}
        aria-invalid={invalidField === 'description' || undefined}
        aria-describedby={invalidField === 'description' ? 'class-details-message' : undefined}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
      </div>
      <FormMessage state={state} id="class-details-message" />
    </form>
  );
}
