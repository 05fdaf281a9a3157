import type { OverviewRow } from '@/lib/submissions/activity-overview';
import { DateTimeText } from '@/app/components/date-time-text';
import { workStatusLabels } from '@/lib/activities/work-status';
import { overviewColumns, overviewFilters, sortValueFor, type OverviewColumn, type OverviewQuery } from './overview-query';

interface OverviewTableProps {
  activityId: string;
  /** The first rows that match (all of them with `?rows=all`). */
  rows: OverviewRow[];
  /** Rows that match in all. */
  matching: number;
  query: OverviewQuery;
}

const counts = new Intl.NumberFormat('en-GB');

/**
 * Every student's work on the activity, one row each, sorted and filtered through the URL
 * (header buttons and the filter are plain GET forms, so they work without JavaScript). Below
 * 40rem the rows become cards.
 */
export function OverviewTable({ activityId, rows, matching, query }: OverviewTableProps) {
  const action = `/activities/${activityId}`;
  const currentSort = query.direction === 'desc' ? `-${query.column}` : query.column;
  const showAll = `${action}?${new URLSearchParams({ ...(query.filter === 'all' ? {} : { status: query.filter }), sort: currentSort, rows: 'all' }).toString()}#overview-title`;
  return (
    <section className="card overview" id="overview" aria-labelledby="overview-title">
      <div className="section-head">
        <h2 id="overview-title">Students’ work</h2>
        <p className="button-row">
          <a className="button secondary" href={`/api/activities/${activityId}/export`} download>
            Download all (ZIP)
          </a>
          <a className="button secondary" href={`/api/activities/${activityId}/submissions.csv`} download>
            Download table (CSV)
          </a>
        </p>
      </div>
      <form method="get" action={action} className="inline-form overview-filter">
        <input type="hidden" name="sort" value={currentSort} />
        {query.allRows && <input type="hidden" name="rows" value="all" />}
        <label htmlFor="overview-status">Show</label>
        <select id="overview-status" name="status" defaultValue={query.filter}>
          {overviewFilters.map((filter) => (
            <option key={filter.value} value={filter.value}>
              {filter.label}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          Filter
        </button>
      </form>
      <p className="muted" role="status">
        {describeShown(matching, query.filter)}
      </p>
      {rows.length === 0 ? (
        <p className="empty-state">
          {query.filter === 'all' ? 'No students in this class yet: invite them from the class page.' : 'No student’s work matches this filter.'}
        </p>
      ) : (
        <form method="get" action={action}>
          {query.filter !== 'all' && <input type="hidden" name="status" value={query.filter} />}
          {query.allRows && <input type="hidden" name="rows" value="all" />}
          <table className="overview-table" aria-labelledby="overview-title">
            <thead>
              <tr>
                {overviewColumns.map((column) => (
                  <th key={column.key} scope="col" aria-sort={ariaSort(query, column.key)}>
                    <button type="submit" name="sort" value={sortValueFor(query, column.key)} className="sort-button">
                      {column.label}
                      <span aria-hidden="true" className="sort-mark">
                        {query.column === column.key ? (query.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <OverviewRowView key={row.userId} row={row} />
              ))}
            </tbody>
          </table>
        </form>
      )}
      {rows.length < matching && (
        <p>
          Showing the first {counts.format(rows.length)} of {counts.format(matching)}. <a href={showAll}>Show all {counts.format(matching)} students</a>
        </p>
      )}
    </section>
  );
}

function OverviewRowView({ row }: { row: OverviewRow }) {
  const name = row.name || row.email;
  return (
    <tr data-testid="overview-row">
      <th scope="row" data-label="Student">
        {row.conversationId ? <a href={`/conversations/${row.conversationId}`}>{name}</a> : name}
      </th>
      <td data-label="Status">
        <span className={`badge status-${row.status}`}>{workStatusLabels[row.status]}</span>
        {row.grade && <span className="muted"> · grade {row.grade}</span>}
      </td>
      <td data-label="Submitted">{row.submittedAt ? <DateTimeText iso={row.submittedAt} /> : '—'}</td>
      <td data-label="Late">{row.late ? <span className="badge badge-late">Late</span> : row.pastDue ? <span className="badge badge-late">Past due</span> : 'No'}</td>
      <td data-label="Highlights">{counts.format(row.highlights)}</td>
      <td data-label="Comments">{counts.format(row.comments)}</td>
      <td data-label="Response words">{counts.format(row.responseWords)}</td>
      <td data-label="Last edited">{row.lastEditedAt ? <DateTimeText iso={row.lastEditedAt} /> : '—'}</td>
      <td data-label="Wrote">{row.studentCharacters === null ? '—' : `${counts.format(row.studentCharacters)} characters`}</td>
    </tr>
  );
}

function ariaSort(query: OverviewQuery, column: OverviewColumn): 'ascending' | 'descending' | undefined {
  if (query.column !== column) return undefined;
  return query.direction === 'asc' ? 'ascending' : 'descending';
}

function describeShown(count: number, filter: OverviewQuery['filter']): string {
  const students = count === 1 ? '1 student' : `${counts.format(count)} students`;
  if (filter === 'all') return students;
  const label = overviewFilters.find((candidate) => candidate.value === filter)?.label.toLowerCase() ?? filter;
  return `${students}: ${label}`;
}
