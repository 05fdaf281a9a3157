/**
 * The name a person goes by in a conversation (carets, highlight and comment authors): their
 * display name, or the part of their email before the @. The page and the live-sync server
 * both use it, and the server refuses annotations whose author name is not the writer's.
 */
export function displayName(user: { name?: string | null; email: string }): string {
  return user.name?.trim() || user.email.split('@')[0] || 'Someone';
}
