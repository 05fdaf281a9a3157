'use server';

import { refresh } from 'next/cache';
import type { FormState } from '@/app/forms/form-state';
import { readFormText } from '@/app/forms/read-form-text';
import { runAsSignedInUser } from '@/app/forms/run-as-signed-in-user';
import {
  createVocabularyTag,
  deleteVocabularyTag,
  reorderVocabulary,
  setVocabularyLocked,
  updateVocabularyTag,
} from '@/lib/vocabularies/vocabulary-administration';
import type { VocabularyScope } from '@/lib/vocabularies/vocabulary-schemas';

/* An instructor's changes to a tag vocabulary (`VocabularyEditor`). The services check who may. */

function tagFields(formData: FormData) {
  return { name: readFormText(formData, 'name'), color: readFormText(formData, 'color'), group: readFormText(formData, 'group') };
}

export async function addVocabularyTagAction(scope: VocabularyScope, _previous: FormState, formData: FormData): Promise<FormState> {
  const fields = tagFields(formData);
  const outcome = await runAsSignedInUser((em, user) => createVocabularyTag(em, user.id, scope, fields));
  if (!outcome.ok) return { ...outcome.error, values: fields };
  refresh();
  return { status: 'success', message: `Added “${outcome.value.name}”.` };
}

export async function saveVocabularyTagAction(scope: VocabularyScope, tagId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const fields = tagFields(formData);
  const outcome = await runAsSignedInUser((em, user) => updateVocabularyTag(em, user.id, scope, tagId, fields));
  if (!outcome.ok) return { ...outcome.error, values: fields };
  refresh();
  return { status: 'success', message: `Saved “${outcome.value.name}”.` };
}

export async function deleteVocabularyTagAction(scope: VocabularyScope, tagId: string): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => deleteVocabularyTag(em, user.id, scope, tagId));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: 'Deleted.' };
}

export async function reorderVocabularyAction(scope: VocabularyScope, tagIds: string[]): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => reorderVocabulary(em, user.id, scope, { tagIds }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: 'Moved.' };
}

export async function setVocabularyLockedAction(scope: VocabularyScope, locked: boolean): Promise<FormState> {
  const outcome = await runAsSignedInUser((em, user) => setVocabularyLocked(em, user.id, scope, { locked }));
  if (!outcome.ok) return outcome.error;
  refresh();
  return { status: 'success', message: locked ? 'Locked: students use only these tags.' : 'Open: students may add tags of their own.' };
}
