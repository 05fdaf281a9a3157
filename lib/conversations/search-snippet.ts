/*
 * The passage a search matched, as text segments (never HTML): PostgreSQL's `ts_headline`
 * marks the matched words between two sentinel characters (`headlineOptions`), which the
 * stored text cannot contain (the query replaces them with spaces first); `snippetSegments`
 * splits on them and keeps the one line the first match is on: a turn's paragraph, a tag
 * name, or one comment (the annotation text holds one to a line).
 */

export interface SnippetSegment {
  text: string;
  /** This text is (part of) what matched the search. */
  match: boolean;
}

export const matchStart = '\u0001';
export const matchStop = '\u0002';

/**
 * `ts_headline` options: one fragment of 12 to 30 words around the best cover of the query
 * (its own bound of work per row: the text it reads is at most the indexed prefix); no short word is dropped at its ends (ShortWord=0), so a short comment is shown whole.
 */
export const headlineOptions = `StartSel=${matchStart}, StopSel=${matchStop}, MaxFragments=1, MaxWords=30, MinWords=12, ShortWord=0`;

/** The segments of a headline's line with its first match; null when nothing in it matched. */
export function snippetSegments(headline: string | null): SnippetSegment[] | null {
  if (!headline || !headline.includes(matchStart)) return null;
  const segments: SnippetSegment[] = [];
  // Alternating: outside a match, then inside one, as the sentinels open and close.
  for (const [index, part] of headline.split(new RegExp(`[${matchStart}${matchStop}]`)).entries()) {
    if (part) segments.push({ text: part, match: index % 2 === 1 });
  }
  const first = segments.findIndex((segment) => segment.match);
  return tidy(lineAround(segments, first));
}

/** The part of the segments on the same line as segment `index`. */
function lineAround(segments: SnippetSegment[], index: number): SnippetSegment[] {
  const full = segments.map((segment) => segment.text).join('');
  const matchFrom = segments.slice(0, index).reduce((length, segment) => length + segment.text.length, 0);
  const matchTo = matchFrom + (segments[index] as SnippetSegment).text.length;
  const lineFrom = full.lastIndexOf('\n', matchFrom - 1) + 1;
  const breakAfter = full.indexOf('\n', matchTo);
  const lineTo = breakAfter === -1 ? full.length : breakAfter;
  const kept: SnippetSegment[] = [];
  let offset = 0;
  for (const segment of segments) {
    const from = Math.max(lineFrom, offset);
    const to = Math.min(lineTo, offset + segment.text.length);
    if (from < to) kept.push({ text: segment.text.slice(from - offset, to - offset), match: segment.match });
    offset += segment.text.length;
  }
  return kept;
}

/** Runs of white space made one space, the ends trimmed, empty segments dropped, neighbours of a kind joined. */
function tidy(segments: SnippetSegment[]): SnippetSegment[] {
  const tidied: SnippetSegment[] = [];
  for (const segment of segments) {
    const text = segment.text.replace(/\s+/g, ' ');
    if (!text) continue;
    const last = tidied.at(-1);
    if (last && last.match === segment.match) last.text += text;
    else tidied.push({ text, match: segment.match });
  }
  const first = tidied[0];
  if (first) first.text = first.text.trimStart();
  const last = tidied.at(-1);
  if (last) last.text = last.text.trimEnd();
  return tidied.filter((segment) => segment.text !== '');
}
