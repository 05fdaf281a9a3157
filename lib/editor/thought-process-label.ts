/** The heading of the blockquote an import puts a model's reasoning in (render-source-turns.ts); the editor collapses such blockquotes. */
export const thoughtProcessLabel = 'Thought process';
