import type { FormState } from './form-state';

/** The outcome of a form's last submission, announced to screen readers. */
export function FormMessage({ state, id }: { state: FormState; id?: string }) {
  if (state.status === 'idle') return null;
  const isError = state.status === 'error';
  return (
    <p id={id} className={`notice ${isError ? 'notice-error' : 'notice-success'}`} role={isError ? 'alert' : 'status'}>
      {state.message}
    </p>
  );
}
