'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';
import { changeDisplayName } from '@/lib/users/profile';
import { afterWelcomePath } from './welcome-path';

/** Saves the name chosen on `/welcome` (the profile's rule: 1–80 characters, trimmed), then goes on to where the person was going. */
export async function chooseDisplayNameAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const name = readFormText(formData, 'name');
  const next = afterWelcomePath(readFormText(formData, 'next'));
  const outcome = await runAsSignedInUser((em, user) => changeDisplayName(em, user.id, { name }));
  if (!outcome.ok) return { ...outcome.error, values: { name } };
  redirect(next);
}
