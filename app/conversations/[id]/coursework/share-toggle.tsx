'use client';

import { startTransition, useActionState, useOptimistic } from 'react';
import { FormMessage } from '@/app/forms/form-message';
import { idleFormState, type FormState } from '@/app/forms/form-state';
import { setWorkspaceSharingAction } from '../coursework-actions';

/** The student's "Share with the class" switch: classmates may then read the workspace (never change it). */
export function ShareToggle({ conversationId, shared }: { conversationId: string; shared: boolean }) {
  const [state, share, pending] = useActionState((previous: FormState, next: boolean) => setWorkspaceSharingAction(conversationId, next, previous), idleFormState);
  const [shown, showShared] = useOptimistic(shared);
  return (
    <div className="coursework-share">
      <label>
        <input
          type="checkbox"
          checked={shown}
          aria-describedby="coursework-share-hint"
          onChange={(event) => {
            // One change at a time: a second toggle while the first is on its way waits for it.
            if (pending) return;
            const next = event.target.checked;
            startTransition(() => {
              showShared(next);
              share(next);
            });
          }}
        />{' '}
        Share with the class
      </label>
      <p id="coursework-share-hint" className="muted">
        Classmates can read your workspace, not change it.
      </p>
      <FormMessage state={state} />
    </div>
  );
}
