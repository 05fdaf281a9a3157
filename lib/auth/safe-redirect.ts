/**
 * A post-sign-in destination we are willing to send someone to: a path on this site only
 * (never `//host` or an absolute URL), so a crafted link cannot bounce users elsewhere.
 */
export function safeRedirectPath(candidate: unknown, fallback = '/'): string {
  if (typeof candidate !== 'string' || candidate.length > 2_000) return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  return candidate;
}
