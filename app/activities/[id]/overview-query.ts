import {
  overviewSortColumns,
  overviewStatusFilters,
  parseOverviewSort,
  type OverviewSortColumn,
  type OverviewStatusFilter,
} from '@/lib/submissions/activity-overview';

/*
 * The overview's filter and order, as the page's URL carries them (`?status=late&sort=-submittedAt`), so they work without
 * JavaScript. The values and their parsing are the API's (lib/submissions/activity-overview.ts); this file adds the labels.
 */

export type OverviewFilter = 'all' | OverviewStatusFilter;

const filterLabels: Record<OverviewFilter, string> = {
  all: 'All',
  not_started: 'Not started',
  in_progress: 'In progress',
  late: 'Submitted late',
  overdue: 'Past due',
  submitted: 'Submitted',
  returned: 'Returned',
};

export const overviewFilters: ReadonlyArray<{ value: OverviewFilter; label: string }> = (['all', ...overviewStatusFilters] as const).map((value) => ({
  value,
  label: filterLabels[value],
}));

export type OverviewColumn = OverviewSortColumn;

const columnLabels: Record<OverviewColumn, string> = {
  name: 'Student',
  status: 'Status',
  submittedAt: 'Submitted',
  late: 'Late',
  highlights: 'Highlights',
  comments: 'Comments',
  responseWords: 'Response words',
  lastEditedAt: 'Last edited',
  studentCharacters: 'Wrote',
};

export const overviewColumns: ReadonlyArray<{ key: OverviewColumn; label: string }> = overviewSortColumns.map((key) => ({ key, label: columnLabels[key] }));

export interface OverviewQuery {
  filter: OverviewFilter;
  column: OverviewColumn;
  direction: 'asc' | 'desc';
  /** Every matching row (`?rows=all`), not only the first page of them. */
  allRows: boolean;
}

/** The query in the URL; anything unknown reads as the default (everyone, by name). */
export function readOverviewQuery(search: Record<string, string | string[] | undefined>): OverviewQuery {
  const status = typeof search.status === 'string' ? search.status : '';
  const { column, direction } = parseOverviewSort(typeof search.sort === 'string' ? search.sort : '');
  return {
    filter: (overviewStatusFilters as readonly string[]).includes(status) ? (status as OverviewStatusFilter) : 'all',
    column,
    direction,
    allRows: search.rows === 'all',
  };
}

/** The `sort` value a column's header button sends: its column, reversed when it is the current one. */
export function sortValueFor(query: OverviewQuery, column: OverviewColumn): string {
  return query.column === column && query.direction === 'asc' ? `-${column}` : column;
}
