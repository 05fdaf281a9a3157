'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage } from '@/app/forms/form-message';
import { idleFormState } from '@/app/forms/form-state';
import { SubmitButton } from '@/app/forms/submit-button';
import { joinClassAction } from './join-class-action';

/** The one button of an invite link's page: joining is a POST (a server action), never the link itself. */
export function JoinInvitedClassForm({ code }: { code: string }) {
  const [state, formAction] = useActionState(joinClassAction, idleFormState);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} id="join-invited-message" />
      <input type="hidden" name="code" value={code} />
      <p className="button-row">
        <SubmitButton pendingLabel="Joining…">Join class</SubmitButton>
        <Link href="/">Not now</Link>
      </p>
    </form>
  );
}
