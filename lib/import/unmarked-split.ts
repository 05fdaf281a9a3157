/**
 * How to split pasted text that names no speaker at all, as the person importing it chooses:
 * one turn as the assistant's (the default: chat apps' copy buttons copy one response), one as
 * the user's, or turns that alternate user, assistant, user… at each blank line (outside
 * fenced code). Its own module so that the import form can offer the choice without the importer.
 */
export const unmarkedSplits = ['assistant', 'user', 'alternate'] as const;
export type UnmarkedSplit = (typeof unmarkedSplits)[number];
export const defaultUnmarkedSplit: UnmarkedSplit = 'assistant';
