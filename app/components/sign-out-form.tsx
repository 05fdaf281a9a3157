'use client';

import { clearOfflineCopies } from '../offline-copies';
import { signOutAction } from '../sign-out-action';

/**
 * The header's sign-out: this browser's offline copies of conversations (everyone's, on a
 * shared school computer) are deleted first, then the server signs the session out.
 */
export function SignOutForm() {
  return (
    <form
      action={async () => {
        await clearOfflineCopies();
        await signOutAction();
      }}
    >
      <button type="submit" className="link-button">
        Sign out
      </button>
    </form>
  );
}
