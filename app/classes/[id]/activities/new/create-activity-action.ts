'use server';

import { redirect } from 'next/navigation';
import { createActivity } from '@/lib/activities/activity-administration';
import type { ActivityCreateInput } from '@/lib/activities/activity-schemas';
import { inFormWords, readActivitySettings, typedActivityValues } from '@/app/activities/activity-form-input';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

/** Creates the activity (unpublished) and opens it; the service checks that the user teaches the class. */
export async function createActivityAction(classId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const template = readFormText(formData, 'templateConversationId');
  const input = {
    ...readActivitySettings(formData),
    // The service's schema refuses anything but its modes (with the field's name).
    mode: readFormText(formData, 'mode') as ActivityCreateInput['mode'],
    templateConversationId: template || null,
    tagsLocked: formData.get('tagsLocked') === 'on',
  };
  const outcome = await runAsSignedInUser((em, user) => createActivity(em, user.id, classId, input));
  if (!outcome.ok) return { ...outcome.error, message: inFormWords(outcome.error.message), values: typedActivityValues(formData) };
  redirect(`/activities/${outcome.value.id}`);
}
