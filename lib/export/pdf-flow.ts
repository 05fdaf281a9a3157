import type { PdfFontFace } from './pdf-fonts';
import { layoutLines, type LaidLine, type StyledRun } from './pdf-line-layout';

/** How a stretch of text is drawn. Styles are interned (`textStyle`), so equal styles are one object and runs of them join. */
export interface PdfTextStyle {
  face: PdfFontFace;
  size: number;
  color: string;
  /** A highlight's colour behind the text. */
  background: string | null;
  strike: boolean;
  underline: boolean;
  /** An external address the text links to (already checked: http, https, mailto). */
  link: string | null;
  /** A named destination in the document the text links to (an endnote). */
  goTo: string | null;
  /** Names this spot as a destination (an endnote's start). */
  destination: string | null;
  /** Raised above the baseline by this many points (footnote numbers). */
  rise: number;
}

const internedStyles = new Map<string, PdfTextStyle>();

export function textStyle(style: Partial<PdfTextStyle> & Pick<PdfTextStyle, 'face' | 'size'>): PdfTextStyle {
  const full: PdfTextStyle = { color: '#111111', background: null, strike: false, underline: false, link: null, goTo: null, destination: null, rise: 0, ...style };
  const key = JSON.stringify([full.face, full.size, full.color, full.background, full.strike, full.underline, full.link, full.goTo, full.destination, full.rise]);
  const existing = internedStyles.get(key);
  if (existing) return existing;
  // Links and destinations are per document; only the few plain styles are worth keeping across exports.
  if (full.link === null && full.goTo === null && full.destination === null && full.background === null) internedStyles.set(key, full);
  return full;
}

/** What is drawn beside a paragraph's lines: quote bars, a list marker on its first line, a code block's shading. */
export interface LineDecoration {
  /** x positions (from the left margin) of quote bars drawn beside every line. */
  quoteBars: number[];
  /** Text drawn right-aligned just before the paragraph's first line (a bullet or a number). */
  marker: { text: string; style: PdfTextStyle } | null;
  /** Shading behind the whole width of each line. */
  shading: string | null;
}

export const noDecoration: LineDecoration = { quoteBars: [], marker: null, shading: null };

/** DejaVu's ascent and descent, as fractions of the font size (1901 and 483 of 2048 units). */
const ASCENT = 0.928;
const DESCENT = 0.236;
const LINE_HEIGHT = 1.4;
const invisible = /^\p{Default_Ignorable_Code_Point}$/u;
/** Scripts whose letters change shape (and width) with their neighbours. */
const joiningScript = /[\u0600-\u08ff\u0900-\u0dff\ufb50-\ufdff\ufe70-\ufeff]/;
/** Longest the export holds the event loop before letting other work run. */
const BREATH_MS = 20;

/**
 * The export's page flow on top of PDFKit: a cursor running down the page, text laid out by
 * `layoutLines` and drawn fragment by fragment (so highlights get their colour behind the
 * text), a new page when the next line does not fit, and a footer on every page.
 */
export class PdfFlow {
  readonly left: number;
  readonly width: number;
  private readonly top: number;
  private readonly bottom: number;
  private y: number;
  private page = 1;
  private currentFace: PdfFontFace | null = null;
  private currentSize = 0;
  /** Each face's advance widths by code point, at size 1000, measured once each. */
  private readonly advances = new Map<PdfFontFace, Map<number, number>>();
  private lastBreath = performance.now();
  /** Characters the current section may still draw (null: no limit), and those it left out. */
  private allowance: number | null = null;
  private leftOut = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly footer: string,
  ) {
    const { margins, width, height } = doc.page;
    this.left = margins.left;
    this.width = width - margins.left - margins.right;
    this.top = margins.top;
    this.bottom = height - margins.bottom;
    this.y = this.top;
    this.drawFooter();
  }

  /**
   * The width of `text` in `style`, for the layout: the sum of its characters' advance
   * widths, each looked up once per face. Shaping every word as PDFKit's `widthOfString`
   * does costs fifty times more, and for most scripts only kerning and ligatures, a
   * fraction of a point a word, tell them apart; words of joining scripts are shaped.
   */
  readonly measure = (text: string, style: PdfTextStyle): number => {
    if (joiningScript.test(text)) {
      // Arabic and Indic letters take another, narrower form inside a word: shape the word.
      this.useFont(style.face, style.size);
      return this.doc.widthOfString(text);
    }
    let advances = this.advances.get(style.face);
    if (!advances) this.advances.set(style.face, (advances = new Map()));
    let width = 0;
    for (const character of text) {
      const codePoint = character.codePointAt(0) as number;
      let advance = advances.get(codePoint);
      if (advance === undefined) {
        this.useFont(style.face, 1000);
        // Drawn in a word, fontkit gives these no width (zero-width space, joiners, direction marks); alone, it may.
        advance = invisible.test(character) ? 0 : this.doc.widthOfString(character);
        advances.set(codePoint, advance);
      }
      width += advance;
    }
    return (width * style.size) / 1000;
  };

  /** Vertical space before the next block, unless at the top of a page. */
  gap(points: number): void {
    if (this.y > this.top) this.y = Math.min(this.y + points, this.bottom);
  }

  /** Starts a new page unless this much height is left on this one. */
  keepSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  /**
   * Writes a paragraph: its given lines (hard breaks) of runs, wrapped to the width left of
   * `indent`, with `size` the paragraph's type size (line height and baseline follow it).
   */
  async paragraph(given: Array<Array<StyledRun<PdfTextStyle>>>, options: { indent: number; size: number; decoration?: LineDecoration; preserveLeadingSpaces?: boolean }): Promise<void> {
    const lines = this.withinAllowance(given);
    if (lines.length === 0) return;
    const decoration = options.decoration ?? noDecoration;
    const laid = layoutLines(lines, Math.max(this.width - options.indent, this.width / 4), this.measure, { preserveLeadingSpaces: options.preserveLeadingSpaces });
    const lineHeight = options.size * LINE_HEIGHT;
    for (const [index, line] of laid.entries()) {
      this.keepSpace(lineHeight);
      this.drawLine(line, this.left + options.indent, options.size, lineHeight, decoration, index === 0);
      this.y += lineHeight;
      await this.breathe();
    }
  }

  /**
   * Lets the event loop run when this export has held it for `BREATH_MS`: drawing a long
   * transcript takes seconds, and the sync server's connections share the process.
   */
  private async breathe(): Promise<void> {
    if (performance.now() - this.lastBreath < BREATH_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastBreath = performance.now();
  }

  /**
   * From here on, paragraphs draw at most `characters` characters in all; the rest are
   * counted, not drawn, until `endAllowance`, which says how many were left out. Drawing is
   * what costs (PDFKit shapes every word with fontkit, some 10 µs a character), so this is
   * what bounds the export's time and the PDF's length.
   */
  beginAllowance(characters: number): void {
    this.allowance = characters;
    this.leftOut = 0;
  }

  endAllowance(): number {
    const leftOut = this.leftOut;
    this.allowance = null;
    this.leftOut = 0;
    return leftOut;
  }

  /** The paragraph's lines cut to the allowance left (none once it is spent). */
  private withinAllowance(lines: Array<Array<StyledRun<PdfTextStyle>>>): Array<Array<StyledRun<PdfTextStyle>>> {
    if (this.allowance === null) return lines;
    const kept: Array<Array<StyledRun<PdfTextStyle>>> = [];
    for (const line of lines) {
      const keptLine: Array<StyledRun<PdfTextStyle>> = [];
      for (const run of line) {
        if (run.text.length <= this.allowance) {
          keptLine.push(run);
          this.allowance -= run.text.length;
          continue;
        }
        const cut = run.text.slice(0, this.allowance).toWellFormed();
        if (cut !== '') keptLine.push({ text: cut, style: run.style });
        this.leftOut += run.text.length - this.allowance;
        this.allowance = 0;
      }
      if (keptLine.length > 0 || this.allowance > 0) kept.push(keptLine);
    }
    return kept;
  }

  /** A thin rule across the width (a horizontal rule, or under the header). */
  rule(indent = 0): void {
    this.keepSpace(8);
    this.y += 4;
    this.doc.save().moveTo(this.left + indent, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor('#999999').stroke().restore();
    this.y += 4;
  }

  private drawLine(line: LaidLine<PdfTextStyle>, x: number, size: number, lineHeight: number, decoration: LineDecoration, first: boolean): void {
    const doc = this.doc;
    const top = this.y;
    const baseline = top + (lineHeight - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;
    if (decoration.shading) doc.save().rect(x - 4, top, this.left + this.width - x + 4, lineHeight).fill(decoration.shading).restore();
    for (const bar of decoration.quoteBars) doc.save().rect(this.left + bar, top, 2, lineHeight).fill('#bbbbbb').restore();
    if (first && decoration.marker) {
      const { text, style } = decoration.marker;
      const width = this.measure(text, style);
      this.drawText(text, style, x - width - 4, baseline);
    }
    for (const fragment of line.fragments) {
      if (fragment.style.background) {
        doc.save().rect(x + fragment.x, top + 1, fragment.width, lineHeight - 2).fill(fragment.style.background).restore();
      }
      this.drawText(fragment.text, fragment.style, x + fragment.x, baseline - fragment.style.rise);
    }
  }

  private drawText(text: string, style: PdfTextStyle, x: number, baseline: number): void {
    this.useFont(style.face, style.size);
    this.doc.fillColor(style.color).text(text, x, baseline - ASCENT * style.size, {
      lineBreak: false,
      underline: style.underline,
      strike: style.strike,
      ...(style.link ? { link: style.link } : {}),
      ...(style.goTo ? { goTo: style.goTo } : {}),
      ...(style.destination ? { destination: style.destination } : {}),
    });
  }

  private newPage(): void {
    this.doc.addPage();
    this.page += 1;
    this.y = this.top;
    // PDFKit's font state carries over, but its cursor does not matter: every draw is placed.
    this.drawFooter();
  }

  private drawFooter(): void {
    const style = textStyle({ face: 'regular', size: 8, color: '#666666' });
    const text = `${this.footer} · ${this.page}`;
    const width = this.measure(text, style);
    this.drawText(text, style, Math.max(this.left, this.left + this.width - width), this.bottom + 20 + ASCENT * 8);
  }

  private useFont(face: PdfFontFace, size: number): void {
    if (face !== this.currentFace) this.doc.font(face);
    if (size !== this.currentSize) this.doc.fontSize(size);
    this.currentFace = face;
    this.currentSize = size;
  }
}
