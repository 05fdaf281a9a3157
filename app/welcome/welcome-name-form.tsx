'use client';

import { FormMessage } from '@/app/forms/form-message';
import { SubmitButton } from '@/app/forms/submit-button';
import { TextField } from '@/app/forms/text-field';
import { useFormAction } from '@/app/forms/use-form-action';
import { limits } from '@/lib/limits';
import { chooseDisplayNameAction } from './welcome-action';

/** The one question of a first sign-in: the name others see. */
export function WelcomeNameForm({ next }: { next: string }) {
  const { state, formAction, typed, fieldAria } = useFormAction(chooseDisplayNameAction);
  return (
    <form action={formAction} className="card stack" aria-labelledby="welcome-title">
      <input type="hidden" name="next" value={next} />
      <TextField
        id="welcome-name"
        label="Your name"
        name="name"
        required
        maxLength={limits.fields.displayNameCharacters}
        defaultValue={typed('name', '')}
        autoComplete="name"
        autoFocus
        hint={
          <p id="welcome-name-hint" className="muted">
            Your classmates and instructors see it in the class’s members, beside your cursor, and on your highlights and comments. You can change it later on your
            profile.
          </p>
        }
        {...fieldAria('welcome-name-message', { hintId: 'welcome-name-hint' })}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Continue</SubmitButton>
      </div>
      <FormMessage state={state} id="welcome-name-message" />
    </form>
  );
}
