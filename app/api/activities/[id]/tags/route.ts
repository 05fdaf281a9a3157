import { apiHandler, jsonResponse } from '@/lib/http/api-handler';
import { createVocabularyTag, listVocabulary } from '@/lib/vocabularies/vocabulary-administration';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => listVocabulary(em, user.id, { activityId: params.id }));

export const POST = apiHandler<{ id: string }>(async ({ em, user, params, body }) =>
  jsonResponse(await createVocabularyTag(em, user.id, { activityId: params.id }, await body()), 201),
);
