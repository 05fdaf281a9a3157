'use server';

import { refresh } from 'next/cache';
import { changeClassAsInstructor, rotateInviteCode } from '@/lib/classes/class-administration';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';

/* An instructor's changes to a class. The services check who may do what. */

export async function saveClassDetailsAction(classId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const changes = { name: readFormText(formData, 'name'), description: readFormText(formData, 'description') };
  const outcome = await runAsSignedInUser((em, user) => changeClassAsInstructor(em, user.id, classId, changes));
  if (!outcome.ok) return { ...outcome.error, values: changes };
  refresh();
  return { status: 'success', message: 'Saved.' };
}

export async function setJoiningAction(classId: string, joinEnabled: boolean): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => changeClassAsInstructor(em, user.id, classId, { joinEnabled }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: joinEnabled ? 'Joining is on.' : 'Joining is off: the code and link do not work until you turn it on.' };
}

export async function setArchivedAction(classId: string, archived: boolean): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => changeClassAsInstructor(em, user.id, classId, { archived }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: archived ? 'The class is archived.' : 'The class is active again.' };
}

export async function rotateInviteCodeAction(classId: string): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => rotateInviteCode(em, user.id, classId));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: `The new code is ${outcome.value.inviteCode}. The old code and link no longer work.` };
}
