import { readAuthSettings } from '@/lib/auth/auth-settings';

/**
 * The link students open to join: `<public origin>/join/ABCD-EFGH`. The origin is AUTH_URL's
 * (the public base URL, which the server always sets), not the Host a request came with.
 */
export function inviteLinkFor(inviteCode: string): string {
  return `${publicOrigin()}/join/${inviteCode}`;
}

/** The public origin, for telling people where to go ("http://school.example/join"). */
export function publicOrigin(): string {
  const url = readAuthSettings().url;
  return url ? new URL(url).origin : `http://localhost:${process.env.PORT ?? 3000}`;
}
