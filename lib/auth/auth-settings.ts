import { z } from 'zod';

/**
 * Sign-in settings from the environment, read at call time (the server fills in defaults
 * before the pages load). See `server/prepare-auth-environment.ts` for those defaults.
 */
const authSettingsSchema = z.object({
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 33)').optional(),
  AUTH_URL: z.url('must be a URL such as https://grimoire.example.edu').optional(),
  /** `1` enables the password-less `dev` sign-in. */
  AUTH_DEV_LOGIN: z.enum(['0', '1', 'true', 'false']).optional(),
  /** SMTP URL for magic links (smtp://user:pass@host:587). Unset: links go to the server log. */
  EMAIL_SERVER: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).default('Grimoire <no-reply@localhost>'),
  /** A school's OpenID Connect provider: all three to enable it. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button's label, e.g. "Springfield University". */
  OIDC_NAME: z.string().min(1).default('School sign-in'),
});

export interface AuthSettings {
  secret?: string;
  url?: string;
  devLogin: boolean;
  email: { server?: string; from: string };
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string };
}

export class AuthSettingsError extends Error {}

export function readAuthSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = authSettingsSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthSettingsError(`${issue?.path.join('.')} ${issue?.message}: fix it in the environment and start again.`);
  }
  const values = parsed.data;
  const oidcParts = [values.OIDC_ISSUER, values.OIDC_CLIENT_ID, values.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new AuthSettingsError('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none.');
  }
  return {
    secret: values.AUTH_SECRET,
    url: values.AUTH_URL,
    devLogin: values.AUTH_DEV_LOGIN === '1' || values.AUTH_DEV_LOGIN === 'true',
    email: { server: values.EMAIL_SERVER, from: values.EMAIL_FROM },
    oidc:
      values.OIDC_ISSUER && values.OIDC_CLIENT_ID && values.OIDC_CLIENT_SECRET
        ? { issuer: values.OIDC_ISSUER, clientId: values.OIDC_CLIENT_ID, clientSecret: values.OIDC_CLIENT_SECRET, name: values.OIDC_NAME }
        : undefined,
  };
}

/**
 * True for a listening address only this machine can reach: `localhost`, 127.0.0.0/8 or ::1.
 * `0.0.0.0` and `::` (every interface, the default HOST) are not.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '::1' || bare === '::ffff:127.0.0.1';
}

/** True for http(s) URLs on localhost, 127.0.0.0/8 or ::1: a developer's own machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
  } catch {
    return false;
  }
}
