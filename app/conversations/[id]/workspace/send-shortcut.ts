/** Ctrl+Enter (Cmd+Enter on a Mac) sends what is being written, as in most comment boxes. */
export function isSendShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; isComposing?: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing;
}
