import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import type { AuthSettings } from './auth-settings';
import { limits } from '@/lib/limits';
import { sendSignInLink } from './send-sign-in-link';

/** What the `dev` provider accepts: an email and an optional display name. */
const devCredentialsSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().max(limits.fields.displayNameCharacters).optional(),
});

export type DevSignIn = (credentials: z.infer<typeof devCredentialsSchema>) => Promise<{ id: string; email: string; name: string }>;

/**
 * The sign-in methods this deployment offers: the email magic link always; a school's
 * OpenID Connect when configured; the password-less `dev` sign-in only with `AUTH_DEV_LOGIN=1`.
 */
export function buildProviders(settings: AuthSettings, devSignIn: DevSignIn): Provider[] {
  const providers: Provider[] = [
    {
      id: 'email',
      type: 'email',
      name: 'Email',
      from: settings.email.from,
      // A link is good for an hour: long enough for a slow inbox, short enough to limit a leaked one.
      maxAge: 60 * 60,
      server: settings.email.server,
      sendVerificationRequest: (params) => sendSignInLink({ to: params.identifier, url: params.url, server: settings.email.server, from: settings.email.from }),
      options: {},
    },
  ];
  if (settings.oidc) {
    providers.push({
      id: 'oidc',
      name: settings.oidc.name,
      type: 'oidc',
      issuer: settings.oidc.issuer,
      clientId: settings.oidc.clientId,
      clientSecret: settings.oidc.clientSecret,
      // Someone who first signed in by email link can later use single sign-on for the same
      // account, but only when the provider says it verified the address: the `signIn`
      // callback (`oidc-account-linking.ts`) refuses the link otherwise.
      allowDangerousEmailAccountLinking: true,
    });
  }
  if (settings.devLogin) {
    providers.push(
      Credentials({
        id: 'dev',
        name: 'Development sign-in',
        credentials: { email: { label: 'Email', type: 'email' }, name: { label: 'Name', type: 'text' } },
        async authorize(credentials) {
          const parsed = devCredentialsSchema.safeParse({ email: credentials?.email, name: credentials?.name || undefined });
          if (!parsed.success) return null;
          return devSignIn(parsed.data);
        },
      }),
    );
  }
  return providers;
}
