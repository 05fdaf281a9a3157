'use server';

import { refresh } from 'next/cache';
import { changeDisplayName } from '@/lib/users/profile';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

export async function changeDisplayNameAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const name = readFormText(formData, 'name');
  const outcome = await runAsSignedInUser((em, user) => changeDisplayName(em, user.id, { name }));
  if (!outcome.ok) return { ...outcome.error, values: { name } };
  refresh();
  return { status: 'success', message: `Saved. Your display name is now “${outcome.value.name}”.` };
}
