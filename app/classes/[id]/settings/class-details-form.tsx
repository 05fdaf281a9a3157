'use client';

import { FormMessage } from '@/app/forms/form-message';
import type { FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { TextAreaField, TextField } from '@/app/forms/text-field';
import { useFormAction } from '@/app/forms/use-form-action';
import { limits } from '@/lib/limits';

interface ClassDetailsFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  name: string;
  description: string;
}

/** Rename and describe a class. */
export function ClassDetailsForm({ action, name, description }: ClassDetailsFormProps) {
  const { state, formAction, typed, fieldAria } = useFormAction(action);
  return (
    <form action={formAction} className="stack">
      <TextField
        id="class-name"
        label="Class name"
        name="name"
        required
        maxLength={limits.fields.nameCharacters}
        defaultValue={typed('name', name)}
        autoComplete="off"
        {...fieldAria('class-details-message', { field: 'name' })}
      />
      <TextAreaField
        id="class-description"
        label="Description"
        name="description"
        rows={4}
        maxLength={limits.fields.descriptionCharacters}
        defaultValue={typed('description', description)}
        {...fieldAria('class-details-message', { field: 'description' })}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
      </div>
      <FormMessage state={state} id="class-details-message" />
    </form>
  );
}
