'use client';

import { clearOfflineCopies } from '@/app/offline-copies';
import { signOutEverywhereAction } from '@/app/sign-out-action';

/**
 * Signs out on every device: this browser's offline copies go first (as with the header's
 * Sign out); other devices' pages stop syncing and delete their copies when their
 * connections close.
 */
export function SignOutEverywhereForm() {
  return (
    <form
      action={async () => {
        await clearOfflineCopies();
        await signOutEverywhereAction();
      }}
    >
      <button type="submit">Sign out everywhere</button>
    </form>
  );
}
