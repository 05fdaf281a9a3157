import { limits } from '@/lib/limits';

/** One line of a comparison: in both texts, only in the earlier one, or only in the later one. */
export interface LineChange {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

export type TextDifference =
  | { comparable: true; changes: LineChange[]; removed: number; added: number }
  /** Too much to compare within the bounds: the caller shows the texts instead. */
  | { comparable: false; reason: 'too-many-lines' | 'too-many-changes' };

export interface DifferenceBounds {
  /** Most lines on either side once the lines both share at the start and end are set aside. */
  maxLines: number;
  /** Most removed plus added lines the comparison looks for. */
  maxChangedLines: number;
}

const defaultBounds: DifferenceBounds = {
  maxLines: limits.versions.compareMaxLines,
  maxChangedLines: limits.versions.compareMaxChangedLines,
};

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/**
 * What changed from `before` to `after`, line by line: the shortest list of removed and added
 * lines (Myers' algorithm), with the unchanged lines between them. Lines both texts share at
 * the start and end are set aside first, so a small edit to a long text is cheap, and a text
 * emptied or written from nothing costs one pass. Past the bounds it answers `comparable: false`
 * rather than take seconds or hundreds of megabytes.
 */
export function lineDifference(before: string, after: string, bounds: DifferenceBounds = defaultBounds): TextDifference {
  const beforeLines = splitLines(before);
  const afterLines = splitLines(after);
  let start = 0;
  while (start < beforeLines.length && start < afterLines.length && beforeLines[start] === afterLines[start]) start += 1;
  let endBefore = beforeLines.length;
  let endAfter = afterLines.length;
  while (endBefore > start && endAfter > start && beforeLines[endBefore - 1] === afterLines[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }

  const middle = middleChanges(beforeLines.slice(start, endBefore), afterLines.slice(start, endAfter), bounds);
  if (!Array.isArray(middle)) return { comparable: false, reason: middle };
  const same = (text: string): LineChange => ({ kind: 'same', text });
  const changes = [...beforeLines.slice(0, start).map(same), ...middle, ...beforeLines.slice(endBefore).map(same)];
  let removed = 0;
  let added = 0;
  for (const change of middle) {
    if (change.kind === 'removed') removed += 1;
    else if (change.kind === 'added') added += 1;
  }
  return { comparable: true, changes, removed, added };
}

function middleChanges(before: string[], after: string[], bounds: DifferenceBounds): LineChange[] | 'too-many-lines' | 'too-many-changes' {
  if (before.length === 0 || after.length === 0) {
    return [...before.map((text): LineChange => ({ kind: 'removed', text })), ...after.map((text): LineChange => ({ kind: 'added', text }))];
  }
  if (before.length > bounds.maxLines || after.length > bounds.maxLines) return 'too-many-lines';
  // Compare numbers, not strings: each distinct line gets one.
  const numbers = new Map<string, number>();
  const number = (line: string) => {
    let found = numbers.get(line);
    if (found === undefined) {
      found = numbers.size;
      numbers.set(line, found);
    }
    return found;
  };
  const a = Int32Array.from(before, number);
  const b = Int32Array.from(after, number);
  const trace = shortestEditTrace(a, b, bounds.maxChangedLines);
  if (!trace) return 'too-many-changes';
  return walkBack(trace, before, after);
}

/**
 * Myers' greedy forward pass. `trace[d]` holds, for each diagonal k in [-d, d] (at index
 * k + d), the furthest x reached with d edits. Null when more than `maxEdits` are needed.
 */
function shortestEditTrace(a: Int32Array, b: Int32Array, maxEdits: number): Int32Array[] | null {
  const n = a.length;
  const m = b.length;
  const most = Math.min(n + m, maxEdits);
  const offset = most + 1;
  const furthest = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= most; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && furthest[offset + k - 1]! < furthest[offset + k + 1]!);
      let x = down ? furthest[offset + k + 1]! : furthest[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      furthest[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(furthest.slice(offset - d, offset + d + 1));
        return trace;
      }
    }
    trace.push(furthest.slice(offset - d, offset + d + 1));
  }
  return null;
}

function walkBack(trace: Int32Array[], before: string[], after: string[]): LineChange[] {
  const reversed: LineChange[] = [];
  let x = before.length;
  let y = after.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const k = x - y;
    let previousX = 0;
    let previousY = 0;
    if (d > 0) {
      const previous = trace[d - 1]!;
      const at = (diagonal: number) => previous[diagonal + d - 1]!;
      const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
      const previousK = down ? k + 1 : k - 1;
      previousX = at(previousK);
      previousY = previousX - previousK;
    }
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      reversed.push({ kind: 'same', text: before[x]! });
    }
    if (d > 0) {
      if (x === previousX) reversed.push({ kind: 'added', text: after[previousY]! });
      else reversed.push({ kind: 'removed', text: before[previousX]! });
    }
    x = previousX;
    y = previousY;
  }
  return reversed.reverse();
}

/** A run of unchanged lines not drawn, with how many there are. */
export interface FoldedLines {
  kind: 'folded';
  count: number;
}

/**
 * The changes as a reader wants them: each change with `context` unchanged lines around it,
 * and the long unchanged stretches between changes folded into a count.
 */
export function foldUnchanged(changes: LineChange[], context = 2): Array<LineChange | FoldedLines> {
  const shown: Array<LineChange | FoldedLines> = [];
  let index = 0;
  while (index < changes.length) {
    if (changes[index]!.kind !== 'same') {
      shown.push(changes[index]!);
      index += 1;
      continue;
    }
    let end = index;
    while (end < changes.length && changes[end]!.kind === 'same') end += 1;
    const keepBefore = index === 0 ? 0 : context;
    const keepAfter = end === changes.length ? 0 : context;
    if (end - index <= keepBefore + keepAfter + 1) {
      shown.push(...changes.slice(index, end));
    } else {
      shown.push(...changes.slice(index, index + keepBefore));
      shown.push({ kind: 'folded', count: end - index - keepBefore - keepAfter });
      shown.push(...changes.slice(end - keepAfter, end));
    }
    index = end;
  }
  return shown;
}
