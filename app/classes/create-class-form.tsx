'use client';

import { FormMessage } from '@/app/forms/form-message';
import { SubmitButton } from '@/app/forms/submit-button';
import { TextAreaField, TextField } from '@/app/forms/text-field';
import { useFormAction } from '@/app/forms/use-form-action';
import { createClassAction } from './create-class-action';
import { limits } from '@/lib/limits';

export function CreateClassForm() {
  const { state, formAction, typed, fieldAria } = useFormAction(createClassAction);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} id="create-class-message" />
      <TextField
        id="create-class-name"
        label="Class name"
        name="name"
        required
        maxLength={limits.fields.nameCharacters}
        autoComplete="off"
        defaultValue={typed('name')}
        {...fieldAria('create-class-message', { field: 'name' })}
      />
      <TextAreaField
        id="create-class-description"
        label="Description (optional)"
        name="description"
        rows={3}
        maxLength={limits.fields.descriptionCharacters}
        defaultValue={typed('description')}
        {...fieldAria('create-class-message', { field: 'description' })}
      />
      <div>
        <SubmitButton pendingLabel="Creating…">Create class</SubmitButton>
      </div>
    </form>
  );
}
