import { safeRedirectPath } from '@/lib/auth/safe-redirect';

/** The page that asks a signed-in person without a display name for one. */
export const welcomePage = '/welcome';

/**
 * Where a person goes after `/welcome`: a path on this site only (`safeRedirectPath`: never
 * `//host` or an absolute URL, so a crafted link cannot bounce anyone elsewhere), and never
 * `/welcome` itself, which would ask again.
 */
export function afterWelcomePath(candidate: unknown): string {
  const path = safeRedirectPath(candidate);
  return path === welcomePage || path.startsWith(`${welcomePage}?`) || path.startsWith(`${welcomePage}/`) ? '/' : path;
}

/** `/welcome`, keeping where the person was going (`next`, a same-site path). */
export function welcomePath(next: string): string {
  const destination = afterWelcomePath(next);
  return destination === '/' ? welcomePage : `${welcomePage}?${new URLSearchParams({ next: destination })}`;
}

/** Whether a signed-in person still has to choose the name others see. */
export function needsDisplayName(user: { name: string }): boolean {
  return user.name.trim() === '';
}
