/**
 * Ids as one PostgreSQL array parameter (`= any(?::uuid[])`): the ORM's `execute` spreads a
 * JavaScript array into a list, so the array travels as its literal. Only for ids read from
 * the database or validated as UUIDs, which hold no character the literal would need to quote.
 */
export function sqlUuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
