/* The overview's filter and order, as the page's URL carries them (`?status=late&sort=-submittedAt`), so they work without JavaScript. */

export const overviewFilters = [
  { value: 'all', label: 'All' },
  { value: 'not_started', label: 'Not started' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'late', label: 'Late' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'returned', label: 'Returned' },
] as const;
export type OverviewFilter = (typeof overviewFilters)[number]['value'];

export const overviewColumns = [
  { key: 'name', label: 'Student' },
  { key: 'status', label: 'Status' },
  { key: 'submittedAt', label: 'Submitted' },
  { key: 'late', label: 'Late' },
  { key: 'highlights', label: 'Highlights' },
  { key: 'comments', label: 'Comments' },
  { key: 'responseWords', label: 'Response words' },
  { key: 'lastEditedAt', label: 'Last edited' },
  { key: 'studentCharacters', label: 'Wrote' },
] as const;
export type OverviewColumn = (typeof overviewColumns)[number]['key'];

export interface OverviewQuery {
  filter: OverviewFilter;
  column: OverviewColumn;
  direction: 'asc' | 'desc';
}

/** The query in the URL; anything unknown reads as the default (everyone, by name). */
export function readOverviewQuery(search: Record<string, string | string[] | undefined>): OverviewQuery {
  const status = typeof search.status === 'string' ? search.status : '';
  const sort = typeof search.sort === 'string' ? search.sort : '';
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column = overviewColumns.find((candidate) => candidate.key === key)?.key;
  return {
    filter: overviewFilters.find((candidate) => candidate.value === status)?.value ?? 'all',
    column: column ?? 'name',
    direction: column && descending ? 'desc' : 'asc',
  };
}

/** The `sort` value a column's header button sends: its column, reversed when it is the current one. */
export function sortValueFor(query: OverviewQuery, column: OverviewColumn): string {
  return query.column === column && query.direction === 'asc' ? `-${column}` : column;
}
