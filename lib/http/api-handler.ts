import type { EntityManager } from '@mikro-orm/postgresql';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/current-user';
import { getOrm } from '@/lib/db/orm';
import { DomainError, InvalidError, toHttpError, UnauthenticatedError } from '@/lib/errors';
import { limits } from '@/lib/limits';
import { logger } from '@/lib/log';
import { isCrossSiteMutation, ownOrigins } from './cross-site-guard';

/** Request bodies larger than this are refused: the largest paste fits (`limits.import`, with the reason). */
const MAX_BODY_BYTES = limits.import.requestBodyMaxBytes;

export interface ApiContext<Params> {
  request: Request;
  params: Params;
  /** A fresh EntityManager for this request. */
  em: EntityManager;
  /** The signed-in user: every handler needs one (a request without a session is answered 401). */
  user: CurrentUser;
  /** The JSON body, or an `InvalidError` on `body`. */
  body(): Promise<unknown>;
}

type RouteContext<Params> = { params: Promise<Params> };

/**
 * Wraps a route handler: refuses cross-site mutations, resolves the session (401 when it is
 * required and missing), gives a fresh EntityManager, and turns the result or a domain error
 * into the contract's JSON. A handler returns data (sent as 200 JSON) or a Response.
 */
export function apiHandler<Params = Record<string, never>>(
  handler: (context: ApiContext<Params>) => Promise<unknown>,
): (request: Request, routeContext: RouteContext<Params>) => Promise<Response> {
  return async (request, routeContext) => {
    try {
      if (isCrossSiteMutation(request, ownOrigins(request))) {
        return Response.json({ error: { code: 'forbidden', message: 'Cross-site requests are not allowed.' } }, { status: 403 });
      }
      const user = await getCurrentUser();
      if (!user) throw new UnauthenticatedError();
      const em = (await getOrm()).em.fork();
      const params = await routeContext.params;
      const result = await handler({ request, params, em, user, body: () => readJsonBody(request) });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      if (error instanceof DomainError) {
        const answer = toHttpError(error);
        return Response.json(answer.body, { status: answer.status, headers: answer.headers });
      }
      logger.error({ err: error, method: request.method, path: new URL(request.url).pathname }, 'request failed');
      return Response.json({ error: { code: 'internal', message: 'Something went wrong on our side. Try again.' } }, { status: 500 });
    }
  };
}

/** A JSON answer with a status other than 200. */
export function jsonResponse(data: unknown, status: number): Response {
  return Response.json(data, { status });
}

async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new InvalidError('body', `body must be at most ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new InvalidError('body', `body must be at most ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidError('body', 'body must be valid JSON');
  }
}
