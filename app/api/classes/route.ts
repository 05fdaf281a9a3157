import { createClassAsUser } from '../../../lib/classes/class-administration';
import type { ClassCreateInput } from '../../../lib/classes/class-schemas';
import { listMyClasses } from '../../../lib/classes/my-classes';
import { apiHandler, jsonResponse } from '../../../lib/http/api-handler';

export const GET = apiHandler(({ em, user }) => listMyClasses(em, user.id));

export const POST = apiHandler(async ({ em, user, body }) =>
  jsonResponse(await createClassAsUser(em, user.id, (await body()) as ClassCreateInput), 201),
);
