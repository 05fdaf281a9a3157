import { changeClassAsInstructor, classChangeSchema, getClassForMember } from '@/lib/classes/class-administration';
import { apiHandler } from '@/lib/http/api-handler';
import { parseInput } from '@/lib/parse-input';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => getClassForMember(em, user.id, params.id));

export const PATCH = apiHandler<{ id: string }>(async ({ em, user, params, body }) =>
  changeClassAsInstructor(em, user.id, params.id, parseInput(classChangeSchema, await body())),
);
