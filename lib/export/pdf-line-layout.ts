/**
 * Breaking styled text into lines of a given width, for the PDF export. Pure: the width of
 * a piece of text comes from `measure`, so the layout can be tested without a PDF, and its
 * cost counted. Each token (a word, a run of spaces, or a slice of an overlong word) is
 * measured once; only a slice wider than a whole line is measured again, character by
 * character, to cut it. So the work grows with the text, whatever the text is.
 */

/** A stretch of text in one style (the style is compared by identity). */
export interface StyledRun<Style> {
  text: string;
  style: Style;
}

/** Text placed on a line: `x` from the line's start. */
export interface PlacedText<Style> {
  text: string;
  style: Style;
  x: number;
  width: number;
}

export interface LaidLine<Style> {
  fragments: Array<PlacedText<Style>>;
  width: number;
}

export type MeasureText<Style> = (text: string, style: Style) => number;

export interface LayoutOptions {
  /** Keep spaces at the start of each given line (code), instead of dropping them. */
  preserveLeadingSpaces?: boolean;
}

/**
 * Words longer than this many characters are cut into slices before they are measured, so
 * a string without spaces costs no more to measure than prose. 48 characters fit a line at
 * any of the export's sizes; a narrower line (a deep list) cuts a slice further.
 */
const SLICE_CHARACTERS = 48;
const spaces = /[ \t]+/y;
const nonSpaces = /[^ \t]+/y;
const slices = new RegExp(`[^]{1,${SLICE_CHARACTERS}}`, 'gu');

interface Token<Style> {
  text: string;
  style: Style;
  width: number;
}

/** A run of words with no break between them (`word` + a footnote number, `**bold**text`), and the spaces before it. */
interface WordGroup<Style> {
  spaceBefore: Token<Style> | null;
  tokens: Array<Token<Style>>;
  width: number;
}

/**
 * Lines of runs (each given line is a hard break: a paragraph's lines) laid out into lines
 * no wider than `width`, breaking at spaces, or inside a word only when it is wider than a
 * whole line. An empty given line stays an empty line.
 */
export function layoutLines<Style>(lines: Array<Array<StyledRun<Style>>>, width: number, measure: MeasureText<Style>, options: LayoutOptions = {}): Array<LaidLine<Style>> {
  const laid: Array<LaidLine<Style>> = [];
  for (const runs of lines) {
    const groups = wordGroups(runs, measure);
    let line: LaidLine<Style> = { fragments: [], width: 0 };
    const newLine = () => {
      laid.push(line);
      line = { fragments: [], width: 0 };
    };
    for (const [index, group] of groups.entries()) {
      const keepSpace = line.fragments.length > 0 || (index === 0 && options.preserveLeadingSpaces === true);
      const space = keepSpace ? group.spaceBefore : null;
      if (line.width + (space?.width ?? 0) + group.width <= width) {
        if (space) place(line, space);
        for (const token of group.tokens) place(line, token);
      } else if (group.width <= width) {
        newLine();
        for (const token of group.tokens) place(line, token);
      } else {
        if (space && line.width + space.width <= width) place(line, space);
        for (const token of group.tokens) placeCutting(token, line, width, measure, newLine, () => line);
      }
    }
    laid.push(line);
  }
  return laid;
}

function wordGroups<Style>(runs: Array<StyledRun<Style>>, measure: MeasureText<Style>): Array<WordGroup<Style>> {
  const groups: Array<WordGroup<Style>> = [];
  let current: WordGroup<Style> | null = null;
  let pendingSpace: Token<Style> | null = null;
  for (const run of runs) {
    let at = 0;
    while (at < run.text.length) {
      spaces.lastIndex = at;
      const blank = spaces.exec(run.text);
      if (blank) {
        at = spaces.lastIndex;
        // Spaces in a row from two runs: the first run's style is kept; it only shows as width.
        pendingSpace ??= { text: blank[0], style: run.style, width: measure(blank[0], run.style) };
        current = null;
        continue;
      }
      nonSpaces.lastIndex = at;
      const word = (nonSpaces.exec(run.text) as RegExpExecArray)[0];
      at = nonSpaces.lastIndex;
      if (current === null) {
        current = { spaceBefore: pendingSpace, tokens: [], width: 0 };
        pendingSpace = null;
        groups.push(current);
      }
      for (const slice of word.length > SLICE_CHARACTERS ? (word.match(slices) ?? []) : [word]) {
        const token = { text: slice, style: run.style, width: measure(slice, run.style) };
        current.tokens.push(token);
        current.width += token.width;
      }
    }
  }
  return groups;
}

/** A token of a word too wide for any line: placed whole where it fits, else cut at the character that does not. */
function placeCutting<Style>(
  token: Token<Style>,
  startLine: LaidLine<Style>,
  width: number,
  measure: MeasureText<Style>,
  newLine: () => void,
  currentLine: () => LaidLine<Style>,
): void {
  let line = startLine;
  if (line.width + token.width <= width) return place(line, token);
  if (token.width <= width) {
    newLine();
    return place(currentLine(), token);
  }
  for (const character of token.text.match(/[^]/gu) ?? []) {
    const piece = { text: character, style: token.style, width: measure(character, token.style) };
    if (line.fragments.length > 0 && line.width + piece.width > width) {
      newLine();
      line = currentLine();
    }
    place(line, piece);
  }
}

/** Appends a token to a line, joining it to the last fragment when they share a style. */
function place<Style>(line: LaidLine<Style>, token: Token<Style>): void {
  const last = line.fragments.at(-1);
  if (last && last.style === token.style) {
    last.text += token.text;
    last.width += token.width;
  } else {
    line.fragments.push({ text: token.text, style: token.style, x: line.width, width: token.width });
  }
  line.width += token.width;
}
