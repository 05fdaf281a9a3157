import { createClassAsUser } from '@/lib/classes/class-administration';
import { classCreateSchema } from '@/lib/classes/class-schemas';
import { listMyClasses } from '@/lib/classes/my-classes';
import { apiHandler, jsonResponse } from '@/lib/http/api-handler';
import { parseInput } from '@/lib/parse-input';

export const GET = apiHandler(({ em, user }) => listMyClasses(em, user.id));

export const POST = apiHandler(async ({ em, user, body }) =>
  jsonResponse(await createClassAsUser(em, user.id, parseInput(classCreateSchema, await body())), 201),
);
