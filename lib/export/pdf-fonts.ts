import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The PDF export's typefaces: DejaVu Sans and Sans Mono, from the `dejavu-fonts-ttf`
 * package, so a fresh clone has them with no network and no system fonts. PDF's standard
 * fonts (Helvetica, …) hold Latin-1 only; DejaVu covers Latin, Greek, Cyrillic, Armenian,
 * Georgian, Hebrew, Arabic and many symbols (not CJK or colour emoji: those show as empty boxes).
 */
export const pdfFontFaces = ['regular', 'bold', 'italic', 'boldItalic', 'mono', 'monoBold'] as const;
export type PdfFontFace = (typeof pdfFontFaces)[number];

const fontFiles: Record<PdfFontFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  monoBold: 'DejaVuSansMono-Bold.ttf',
};

/**
 * The package's folder, found by Node's own resolution at run time. Bundlers rewrite
 * `require.resolve` (Turbopack answers a module id, and would load a font file as a module),
 * so the resolver is taken from `process.getBuiltinModule`, which they leave alone.
 */
function fontDirectory(): string {
  const { createRequire } = process.getBuiltinModule('node:module');
  const packageJson = createRequire(import.meta.url).resolve(['dejavu-fonts-ttf', 'package.json'].join('/'));
  return path.join(path.dirname(packageJson), 'ttf');
}

let loading: Promise<Record<PdfFontFace, Buffer>> | null = null;

/** The font files' bytes, read once per process (about 3 MB in all). */
export function loadPdfFonts(): Promise<Record<PdfFontFace, Buffer>> {
  loading ??= readFonts().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function readFonts(): Promise<Record<PdfFontFace, Buffer>> {
  const directory = fontDirectory();
  const entries = await Promise.all(pdfFontFaces.map(async (face) => [face, await readFile(path.join(directory, fontFiles[face]))] as const));
  return Object.fromEntries(entries) as Record<PdfFontFace, Buffer>;
}
