'use client';

import { FormMessage } from '../forms/form-message';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { useFormAction } from '../forms/use-form-action';
import { changeDisplayNameAction } from './display-name-action';

export function DisplayNameForm({ name }: { name: string }) {
  const { state, formAction, typed, fieldAria } = useFormAction(changeDisplayNameAction);
  return (
    <form action={formAction} className="stack">
      <TextField
        id="display-name"
        label="Display name"
        name="name"
        required
        maxLength={200}
        defaultValue={typed('name', name)}
        autoComplete="name"
        {...fieldAria('display-name-message')}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
      </div>
      <FormMessage state={state} id="display-name-message" />
    </form>
  );
}
