'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { joinWithInviteCode } from './join-with-invite-code';

/** Joins the class whose invite code was typed, then opens it. */
export async function joinClassAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const code = readFormText(formData, 'code').slice(0, 64);
  const outcome = await joinWithInviteCode(code);
  if (!outcome.ok) return { ...outcome.error, values: { code } };
  redirect(`/classes/${outcome.value.classId}`);
}
