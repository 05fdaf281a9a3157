'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { updateActivity } from '@/lib/activities/activity-administration';
import { setExtension } from '@/lib/activities/extensions';
import { startWorkspace } from '@/lib/activities/start-workspace';
import { inFormWords, readActivitySettings, typedActivityValues } from '@/app/activities/activity-form-input';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

/* What the activity page's forms do. The services decide who may. */

/** A student's Start: their workspace (made on the first call, the same one after), opened. */
export async function startWorkspaceAction(activityId: string): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => startWorkspace(em, user.id, activityId));
  if (!outcome.ok) return outcome.error;
  redirect(`/conversations/${outcome.value.conversationId}`);
}

export async function updateActivityAction(activityId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => updateActivity(em, user.id, activityId, readActivitySettings(formData)));
  if (!outcome.ok) return { ...outcome.error, message: inFormWords(outcome.error.message), values: typedActivityValues(formData) };
  refresh();
  return { status: 'success', message: 'Saved.' };
}

export async function setPublishedAction(activityId: string, published: boolean): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => updateActivity(em, user.id, activityId, { published }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: published ? 'Published: students can see it once it opens.' : 'Unpublished: students no longer see it.' };
}

/** Gives a student their own due date (`dueAt` ISO 8601, converted by the form from local time). */
export async function setExtensionAction(activityId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const studentId = readFormText(formData, 'studentId');
  const dueAt = readFormText(formData, 'dueAt') || null;
  const outcome = await runAsSignedInUser((em, user) => setExtension(em, user.id, activityId, studentId, { dueAt }));
  if (!outcome.ok) return { ...outcome.error, message: inFormWords(outcome.error.message) };
  refresh();
  return { status: 'success', message: dueAt ? 'Extension saved.' : 'Extension removed.' };
}

export async function removeExtensionAction(activityId: string, studentId: string): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => setExtension(em, user.id, activityId, studentId, { dueAt: null }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: 'Extension removed.' };
}
