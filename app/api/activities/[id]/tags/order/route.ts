import { apiHandler } from '@/lib/http/api-handler';
import { reorderVocabulary } from '@/lib/vocabularies/vocabulary-administration';

export const PUT = apiHandler<{ id: string }>(async ({ em, user, params, body }) => reorderVocabulary(em, user.id, { activityId: params.id }, await body()));
