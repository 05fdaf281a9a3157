'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';
import { returnWorkspace, setWorkspaceSharing, submitWorkspace, unsubmitWorkspace } from '@/lib/submissions/submission-administration';

/*
 * The workspace page's coursework buttons: each calls one submission service, which decides
 * who may (the page only offers what it mirrors of that), and the page is rendered again with
 * the new status; the editor follows the sync engine's permission message on its own.
 */

export async function submitWorkspaceAction(conversationId: string, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => submitWorkspace(em, user.id, conversationId));
  if (!outcome.ok) return outcome.error;
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: outcome.value.late ? 'Submitted, after the due date.' : 'Submitted.' };
}

export async function unsubmitWorkspaceAction(conversationId: string, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => unsubmitWorkspace(em, user.id, conversationId));
  if (!outcome.ok) return outcome.error;
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: 'Unsubmitted: you can edit your work again.' };
}

export async function setWorkspaceSharingAction(conversationId: string, shared: boolean, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => setWorkspaceSharing(em, user.id, conversationId, shared));
  if (!outcome.ok) return outcome.error;
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: shared ? 'Shared: your classmates can read this workspace.' : 'No longer shared: only you and your instructors can see it.' };
}

export async function returnWorkspaceAction(conversationId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const grade = readFormText(formData, 'grade').trim();
  const feedback = readFormText(formData, 'feedback');
  const outcome = await runAsSignedInUser((em, user) => returnWorkspace(em, user.id, conversationId, { feedback, grade: grade === '' ? null : grade }));
  if (!outcome.ok) return { ...outcome.error, values: { grade, feedback } };
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: 'Returned to the student.' };
}
