/** What a person is called until they have chosen a name (never any part of their email: other members must not see it). */
export const unnamedMember = 'Unnamed member';

/**
 * The name a person goes by wherever others see them (roster, presence, carets, highlight
 * and comment authors, the activity overview, exports): their display name, else
 * `unnamedMember`. The page and the live-sync server both use it, and the server refuses
 * annotations whose author name is not the writer's. Signing in asks for a name first
 * (`/welcome`), so the fallback is for accounts made outside the pages (the API, scripts).
 */
export function displayName(user: { name?: string | null }): string {
  return user.name?.trim() || unnamedMember;
}
