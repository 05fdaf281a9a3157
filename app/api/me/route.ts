import { apiHandler } from '@/lib/http/api-handler';
import { changeDisplayName, getProfile } from '@/lib/users/profile';

export const GET = apiHandler(({ em, user }) => getProfile(em, user.id));

export const PATCH = apiHandler(async ({ em, user, body }) => changeDisplayName(em, user.id, await body()));
