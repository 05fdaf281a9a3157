'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { changeConversation, deleteConversation } from '@/lib/conversations/conversation-administration';
import { flagsOfLockState, isLockState, lockStateLabels } from '@/lib/conversations/lock-state';
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

/** Sets who may change the conversation (Open, Annotate only, Locked: `lock-state.ts`), both flags in one change. */
export async function setConversationLockStateAction(conversationId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const state = formData.get('lockState');
  if (!isLockState(state)) return { status: 'error', message: 'Choose Open, Annotate only or Locked.', field: 'lockState' };
  const outcome = await runAsSignedInUser((em, user) => changeConversation(em, user.id, conversationId, flagsOfLockState(state)));
  if (!outcome.ok) return outcome.error;
  revalidatePath(`/conversations/${conversationId}`);
  return { status: 'success', message: `Saved. ${lockStateLabels[state].saved}` };
}

export async function deleteConversationAction(conversationId: string, classId: string, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => deleteConversation(em, user.id, conversationId));
  if (!outcome.ok) return outcome.error;
  redirect(`/classes/${classId}`);
}
