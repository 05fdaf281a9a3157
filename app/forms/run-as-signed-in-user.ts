import type { EntityManager } from '@mikro-orm/postgresql';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/current-user';
import { getOrm } from '@/lib/db/orm';
import { describeActionError } from './describe-action-error';
import type { FormError } from './form-state';

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; error: FormError };

/**
 * The body of a form's server action: resolves the signed-in user, gives a fresh
 * EntityManager, and runs `work` (a call to one service), turning any failure into a message
 * for the form. Redirects belong after this returns, never inside `work`.
 */
export async function runAsSignedInUser<T>(work: (em: EntityManager, user: CurrentUser) => Promise<T>): Promise<ActionOutcome<T>> {
  try {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: { status: 'error', message: 'You are signed out. Sign in again, then try once more.' } };
    const em = (await getOrm()).em.fork();
    return { ok: true, value: await work(em, user) };
  } catch (error) {
    return { ok: false, error: describeActionError(error) };
  }
}
