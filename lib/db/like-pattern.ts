/** A `like`/`ilike` pattern matching values that contain `text` literally (its `%`, `_` and `\` escaped). */
export function likePatternContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
