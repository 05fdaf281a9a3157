'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { welcomePath } from '@/app/welcome/welcome-path';

/**
 * Where a sign-in lands: `/welcome`, which asks a first-time person for their name and sends
 * everyone else straight on to `redirectTo`.
 */
const landing = (redirectTo: string) => welcomePath(redirectTo);

function errorRedirect(code: string, redirectTo: string): never {
  redirect(`/signin?error=${encodeURIComponent(code)}&callbackUrl=${encodeURIComponent(redirectTo)}`);
}

/**
 * Sends a magic link; Auth.js answers with the check-your-email page, or with the sign-in
 * page and the reason when the request was refused (too many links), which keeps where the
 * person was going.
 */
export async function signInWithEmail(formData: FormData): Promise<void> {
  const redirectTo = safeRedirectPath(formData.get('callbackUrl'));
  const email = String(formData.get('email') ?? '').trim();
  if (!email.includes('@') || email.length > 320) errorRedirect('EmailInvalid', redirectTo);
  let next: string;
  try {
    next = await signIn('email', { email, redirectTo: landing(redirectTo), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) errorRedirect(error.type, redirectTo);
    throw error;
  }
  const target = new URL(next, 'http://localhost');
  if (target.pathname === '/signin' && target.searchParams.has('error')) {
    target.searchParams.set('callbackUrl', redirectTo);
    redirect(`${target.pathname}${target.search}`);
  }
  redirect(next);
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  const redirectTo = safeRedirectPath(formData.get('callbackUrl'));
  try {
    await signIn('oidc', { redirectTo: landing(redirectTo) });
  } catch (error) {
    if (error instanceof AuthError) errorRedirect(error.type, redirectTo);
    throw error;
  }
}

export async function signInForDevelopment(formData: FormData): Promise<void> {
  const redirectTo = safeRedirectPath(formData.get('callbackUrl'));
  try {
    await signIn('dev', { email: formData.get('email'), name: formData.get('name'), redirectTo: landing(redirectTo) });
  } catch (error) {
    if (error instanceof AuthError) errorRedirect(error.type, redirectTo);
    throw error;
  }
}
