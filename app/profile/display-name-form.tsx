'use client';

import { useActionState } from 'react';
import { FormMessage } from '../forms/form-message';
import { idleFormState } from '../forms/form-state';
import { SubmitButton } from '../forms/submit-button';
import { changeDisplayNameAction } from './display-name-action';

export function DisplayNameForm({ name }: { name: string }) {
  const [state, formAction] = useActionState(changeDisplayNameAction, idleFormState);
  const invalid = state.status === 'error';
  return (
    <form action={formAction} className="stack">
      <label htmlFor="display-name">Display name</label>
      <input
        id="display-name"
        name="name"
        type="text"
        required
        maxLength={200}
        defaultValue={state.status === 'error' ? (state.values?.name ?? name) : name}
        autoComplete="name"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'display-name-message' : undefined}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
      </div>
      <FormMessage state={state} id="display-name-message" />
    </form>
  );
}
