'use client';

import { useRef, type FormEvent } from 'react';
import { clearOfflineCopies } from '@/app/offline-copies';
import { signOutAction } from '@/app/sign-out-action';

/**
 * The header's sign-out: this browser's offline copies of conversations (everyone's, on a
 * shared school computer) are deleted first, then the form goes on to the server, which
 * signs the session out. Without JavaScript the form still signs out (there are no copies).
 */
export function SignOutForm() {
  const cleared = useRef(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (cleared.current) return;
    event.preventDefault();
    const form = event.currentTarget;
    // Signing out goes on whatever happens to the copies (a browser that refuses IndexedDB).
    void clearOfflineCopies()
      .catch(() => undefined)
      .then(() => {
        cleared.current = true;
        form.requestSubmit();
      });
  };
  return (
    <form action={signOutAction} onSubmit={onSubmit}>
      <button type="submit" className="link-button">
        Sign out
      </button>
    </form>
  );
}
