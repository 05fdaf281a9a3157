'use client';

import { FormMessage } from '@/app/forms/form-message';
import { SubmitButton } from '@/app/forms/submit-button';
import { TextField } from '@/app/forms/text-field';
import { useFormAction } from '@/app/forms/use-form-action';
import { changeDisplayNameAction } from './display-name-action';
import { limits } from '@/lib/limits';

export function DisplayNameForm({ name }: { name: string }) {
  const { state, formAction, typed, fieldAria } = useFormAction(changeDisplayNameAction);
  return (
    <form action={formAction} className="stack">
      <TextField
        id="display-name"
        label="Display name"
        name="name"
        required
        maxLength={limits.fields.nameCharacters}
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
