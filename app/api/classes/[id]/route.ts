import { changeClassAsInstructor, getClassForMember, type ClassChange } from '../../../../lib/classes/class-administration';
import { apiHandler } from '../../../../lib/http/api-handler';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => getClassForMember(em, user.id, params.id));

export const PATCH = apiHandler<{ id: string }>(async ({ em, user, params, body }) =>
  changeClassAsInstructor(em, user.id, params.id, (await body()) as ClassChange),
);
