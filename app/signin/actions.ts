'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '../../lib/auth/auth';
import { safeRedirectPath } from '../../lib/auth/safe-redirect';

function errorRedirect(code: string, redirectTo: string): never {
  redirect(`/signin?error=${encodeURIComponent(code)}&callbackUrl=${encodeURIComponent(redirectTo)}`);
}

/** Sends a magic link; Auth.js redirects to the check-your-email page. */
export async function signInWithEmail(formData: FormData): Promise<void> {
  const redirectTo = safeRedirectPath(formData.get('callbackUrl'));
  const email = String(formData.get('email') ?? '').trim();
  if (!email.includes('@') || email.length > 320) errorRedirect('EmailInvalid', redirectTo);
  try {
    await signIn('email', { email, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) errorRedirect(error.type, redirectTo);
    throw error;
  }
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  const redirectTo = safeRedirectPath(formData.get('callbackUrl'));
  try {
    await signIn('oidc', { redirectTo });
  } catch (error) {
    if (error instanceof AuthError) errorRedirect(error.type, redirectTo);
    throw error;
  }
}

export async function signInForDevelopment(formData: FormData): Promise<void> {
  const redirectTo = safeRedirectPath(formData.get('callbackUrl'));
  try {
    await signIn('dev', { email: formData.get('email'), name: formData.get('name'), redirectTo });
  } catch (error) {
    if (error instanceof AuthError) errorRedirect(error.type, redirectTo);
    throw error;
  }
}
