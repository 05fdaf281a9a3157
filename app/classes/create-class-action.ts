'use server';

import { redirect } from 'next/navigation';
import { createClassAsUser } from '@/lib/classes/class-administration';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

/** Creates a class with the signed-in user as its instructor, then opens it. */
export async function createClassAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { name: readFormText(formData, 'name'), description: readFormText(formData, 'description') };
  const outcome = await runAsSignedInUser((em, user) => createClassAsUser(em, user.id, values));
  if (!outcome.ok) return { ...outcome.error, values };
  redirect(`/classes/${outcome.value.id}`);
}
