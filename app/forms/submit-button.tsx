'use client';

import type { MouseEvent, ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

interface SubmitButtonProps {
  children: ReactNode;
  /** Shown while the form's action runs ("Saving…"). */
  pendingLabel: string;
  /** Asked first (a native confirm dialog); cancelling does not submit. */
  confirmMessage?: string;
  className?: string;
}

/**
 * A form's submit button that says when it is working. It stays focusable while pending
 * (marked aria-disabled, extra clicks ignored), so keyboard focus is not lost mid-submit.
 */
export function SubmitButton({ children, pendingLabel, confirmMessage, className }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  function onClick(event: MouseEvent<HTMLButtonElement>) {
    if (pending || (confirmMessage && !window.confirm(confirmMessage))) event.preventDefault();
  }
  return (
    <button type="submit" className={className} aria-disabled={pending || undefined} onClick={onClick}>
      {pending ? pendingLabel : children}
    </button>
  );
}
