import type { OverviewRow } from './activity-overview';

/*
 * The activity overview as CSV (RFC 4180: every text cell quoted, quotes doubled, CRLF
 * between records), opened by spreadsheets. Names, grades and titles are typed by people, so
 * a cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) is prefixed with an apostrophe (OWASP's advice on CSV injection). A byte order
 * mark makes Excel read it as UTF-8.
 */

const columns: Array<{ header: string; value: (row: OverviewRow) => string | number | boolean | null }> = [
  { header: 'Student', value: (row) => row.name },
  { header: 'Email', value: (row) => row.email },
  { header: 'Status', value: (row) => row.status },
  { header: 'Submitted at', value: (row) => row.submittedAt },
  { header: 'Late', value: (row) => row.late },
  { header: 'Due', value: (row) => row.effectiveDueAt },
  { header: 'Highlights', value: (row) => row.highlights },
  { header: 'Comments', value: (row) => row.comments },
  { header: 'Response words', value: (row) => row.responseWords },
  { header: 'Last edited', value: (row) => row.lastEditedAt },
  { header: 'Characters by the student', value: (row) => row.studentCharacters },
  { header: 'Characters by others', value: (row) => row.otherCharacters },
  { header: 'Grade', value: (row) => row.grade },
];

export function submissionsCsv(rows: readonly OverviewRow[]): string {
  const lines = [columns.map((column) => csvCell(column.header)), ...rows.map((row) => columns.map((column) => csvCell(column.value(row))))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** One cell: numbers and booleans as they are, empty for null, text quoted and defused. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${defused.replaceAll('"', '""')}"`;
}
