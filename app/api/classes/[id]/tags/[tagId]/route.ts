import { apiHandler } from '@/lib/http/api-handler';
import { deleteVocabularyTag, updateVocabularyTag } from '@/lib/vocabularies/vocabulary-administration';

type Params = { id: string; tagId: string };

export const PATCH = apiHandler<Params>(async ({ em, user, params, body }) => updateVocabularyTag(em, user.id, { classId: params.id }, params.tagId, await body()));

export const DELETE = apiHandler<Params>(async ({ em, user, params }) => {
  await deleteVocabularyTag(em, user.id, { classId: params.id }, params.tagId);
  return new Response(null, { status: 204 });
});
