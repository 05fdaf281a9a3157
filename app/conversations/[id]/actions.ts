'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { changeConversation, deleteConversation } from '@/lib/conversations/conversation-administration';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

export async function renameConversationAction(conversationId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const title = readFormText(formData, 'title');
  const outcome = await runAsSignedInUser((em, user) => changeConversation(em, user.id, conversationId, { title }));
  if (!outcome.ok) return { ...outcome.error, values: { title } };
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: 'Renamed.' };
}

export async function setConversationLockAction(conversationId: string, locked: boolean, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => changeConversation(em, user.id, conversationId, { locked }));
  if (!outcome.ok) return outcome.error;
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: locked ? 'Locked: students can read but not edit.' : 'Unlocked: students can edit again.' };
}

export async function deleteConversationAction(conversationId: string, classId: string, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => deleteConversation(em, user.id, conversationId));
  if (!outcome.ok) return outcome.error;
  redirect(`/classes/${classId}`);
}
