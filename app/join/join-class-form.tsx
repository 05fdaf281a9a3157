'use client';

import { FormMessage } from '@/app/forms/form-message';
import { idleFormState, type FormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { TextField } from '@/app/forms/text-field';
import { useFormAction } from '@/app/forms/use-form-action';
import { joinClassAction } from './join-class-action';

interface JoinClassFormProps {
  /** A failure to show before anything is typed (an invite link that did not work). */
  initialState?: FormState;
  defaultCode?: string;
}

export function JoinClassForm({ initialState = idleFormState, defaultCode }: JoinClassFormProps) {
  const { state, formAction, typed, fieldAria } = useFormAction(joinClassAction, initialState);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} id="join-class-message" />
      <TextField
        id="join-class-code"
        label="Invite code"
        hint={
          <p id="join-class-hint" className="muted field-hint">
            Eight letters and digits, such as ABCD-EFGH. Upper or lower case, with or without the dash.
          </p>
        }
        name="code"
        required
        maxLength={64}
        defaultValue={typed('code', defaultCode)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="code-input"
        {...fieldAria('join-class-message', { hintId: 'join-class-hint' })}
      />
      <div>
        <SubmitButton pendingLabel="Joining…">Join class</SubmitButton>
      </div>
    </form>
  );
}
