/**
 * What a form's server action answers, for the form to show beside itself. `field` names the
 * input at fault when the service said which one; `values` echoes what was typed, since React
 * resets a form after its action returns and a refused entry should not be lost.
 */
export type FormState = { status: 'idle' } | { status: 'success'; message: string } | FormError;

export interface FormError {
  status: 'error';
  message: string;
  field?: string;
  values?: Record<string, string>;
}

export const idleFormState: FormState = { status: 'idle' };
