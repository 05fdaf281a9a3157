'use server';

import { redirect } from 'next/navigation';
import { restoreConversation } from '@/lib/conversations/conversation-trash';
import type { FormState } from '@/app/forms/form-state';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

/** Takes a conversation out of the trash (the service checks who may) and opens it. */
export async function restoreConversationAction(conversationId: string, _previous: FormState): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => restoreConversation(em, user.id, conversationId));
  if (!outcome.ok) return outcome.error;
  redirect(`/conversations/${conversationId}`);
}
