'use client';

import { useActionState } from 'react';
import { idleFormState, type FormState } from './form-state';

type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * A form's server action with what its inputs need from the answer: the text typed before a
 * refusal (React resets the form after the action) and the ARIA attributes that tie an input
 * at fault to the form's message.
 */
export function useFormAction(action: FormAction, initialState: FormState = idleFormState) {
  const [state, formAction] = useActionState(action, initialState);
  const error = state.status === 'error' ? state : undefined;
  return {
    state,
    formAction,
    /** What was typed into the input `name` before the refusal, else `fallback`. */
    typed: (name: string, fallback?: string) => error?.values?.[name] ?? fallback,
    /**
     * `aria-invalid` and `aria-describedby` for an input: at fault when the refusal names
     * `field`, or on any refusal when `field` is left out. `hintId` is always described by.
     */
    fieldAria: (messageId: string, { field, hintId }: { field?: string; hintId?: string } = {}) => {
      const invalid = error !== undefined && (field === undefined || error.field === field);
      const describedBy = [invalid ? messageId : undefined, hintId].filter(Boolean).join(' ');
      return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined };
    },
  };
}
