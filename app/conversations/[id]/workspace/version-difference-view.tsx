'use client';

import { useMemo } from 'react';
import { limits } from '@/lib/limits';
import { foldUnchanged, lineDifference, type FoldedLines, type LineChange } from '@/lib/versions/text-difference';

const countFormat = new Intl.NumberFormat();

function lines(count: number): string {
  return `${countFormat.format(count)} ${count === 1 ? 'line' : 'lines'}`;
}

/** At most `limit` changed lines, keeping what comes between them; how many changed lines were left out. */
function firstChanges(shown: Array<LineChange | FoldedLines>, limit: number): { drawn: Array<LineChange | FoldedLines>; leftOut: number } {
  let changed = 0;
  let cut = shown.length;
  for (let index = 0; index < shown.length; index += 1) {
    if (shown[index]!.kind === 'removed' || shown[index]!.kind === 'added') {
      changed += 1;
      if (changed > limit && cut === shown.length) cut = index;
    }
  }
  return { drawn: shown.slice(0, cut), leftOut: Math.max(0, changed - limit) };
}

/**
 * What differs between a version and the text now, line by line. Removed and added lines are
 * marked by a sign and by words for screen readers, not only by colour.
 */
export function VersionDifferenceView({ versionText, currentText }: { versionText: string; currentText: string }) {
  const difference = useMemo(() => lineDifference(versionText, currentText), [versionText, currentText]);
  const shown = useMemo(
    () => (difference.comparable ? firstChanges(foldUnchanged(difference.changes), limits.versions.compareShownLines) : null),
    [difference],
  );

  if (!difference.comparable || !shown) {
    return (
      <p className="notice" data-testid="version-difference-summary">
        These texts are too long, or differ in too many lines, to compare line by line (the limit is{' '}
        {lines(limits.versions.compareMaxChangedLines)} changed among {lines(limits.versions.compareMaxLines)}). Open the full text of
        this version below to read it.
      </p>
    );
  }
  if (difference.removed === 0 && difference.added === 0) {
    return (
      <p className="muted" data-testid="version-difference-summary">
        This version is the same as the text now.
      </p>
    );
  }
  return (
    <>
      <p data-testid="version-difference-summary">
        Since this version, {lines(difference.removed)} {difference.removed === 1 ? 'was' : 'were'} removed and {lines(difference.added)}{' '}
        added.
      </p>
      <p className="muted difference-legend">
        Lines marked <span className="difference-sign">−</span> (removed) are in this version but not in the text now; lines marked{' '}
        <span className="difference-sign">+</span> (added) are in the text now but not in this version.
      </p>
      <ol className="version-difference" aria-label="Differences between this version and now" data-testid="version-difference">
        {shown.drawn.map((line, index) => (
          <DifferenceLine key={index} line={line} />
        ))}
        {shown.leftOut > 0 && <li className="difference-folded">…and {lines(shown.leftOut)} more changed, not shown here.</li>}
      </ol>
    </>
  );
}

/** How each kind of changed line is drawn: its sign, the element that marks it, and the words a screen reader hears. */
const changedLine = {
  removed: { sign: '−', Mark: 'del', spoken: 'Removed since this version: ' },
  added: { sign: '+', Mark: 'ins', spoken: 'Added since this version: ' },
} as const;

function DifferenceLine({ line }: { line: LineChange | FoldedLines }) {
  if (line.kind === 'folded') return <li className="difference-folded">{lines(line.count)} unchanged</li>;
  const text = line.text === '' ? '\u00a0' : line.text;
  if (line.kind === 'removed' || line.kind === 'added') {
    const { sign, Mark, spoken } = changedLine[line.kind];
    return (
      <li className={`difference-${line.kind}`} data-kind={line.kind}>
        <span aria-hidden="true" className="difference-sign">
          {sign}
        </span>
        <Mark>
          <span className="visually-hidden">{spoken}</span>
          {text}
        </Mark>
      </li>
    );
  }
  return (
    <li className="difference-same">
      <span aria-hidden="true" className="difference-sign">
        {' '}
      </span>
      <span>{text}</span>
    </li>
  );
}
