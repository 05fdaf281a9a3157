'use client';

import { useActionState } from 'react';
import { FormMessage } from '../forms/form-message';
import { idleFormState } from '../forms/form-state';
import { SubmitButton } from '../forms/submit-button';
import { createClassAction } from './create-class-action';

export function CreateClassForm() {
  const [state, formAction] = useActionState(createClassAction, idleFormState);
  const nameInvalid = state.status === 'error' && state.field === 'name';
  const descriptionInvalid = state.status === 'error' && state.field === 'description';
  const typed = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} id="create-class-message" />
      <label htmlFor="create-class-name">Class name</label>
      <input
        id="create-class-name"
        name="name"
        type="text"
        required
        maxLength={200}
        autoComplete="off"
        defaultValue={typed?.name}
        aria-invalid={nameInvalid || undefined}
        aria-describedby={nameInvalid ? 'create-class-message' : undefined}
      />
      <label htmlFor="create-class-description">Description (optional)</label>
      <textarea
        id="create-class-description"
        name="description"
        rows={3}
        maxLength={10_000}
        defaultValue={typed?.description}
        aria-invalid={descriptionInvalid || undefined}
        aria-describedby={descriptionInvalid ? 'create-class-message' : undefined}
      />
      <div>
        <SubmitButton pendingLabel="Creating…">Create class</SubmitButton>
      </div>
    </form>
  );
}
