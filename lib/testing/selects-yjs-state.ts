/**
 * Whether a SQL statement reads the `yjs_state` column: by name, or through a `*` on the
 * conversations table (which would fetch it without naming it).
 */
export function selectsYjsState(sql: string): boolean {
  if (/yjs_state/.test(sql)) return true;
  const selectsEverything = /(?:^|[\s,])(?:"?\w+"?\.)?\*(?=[\s,]|$)/.test(sql);
  return selectsEverything && /from\s+"?conversations"?/i.test(sql);
}
