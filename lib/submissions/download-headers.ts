import { asciiFileName, unicodeFileName } from '@/lib/export/markdown-download';

/**
 * The headers of a file download named `name.extension`: an ASCII approximation in
 * `filename` for old clients and the name itself in `filename*` (RFC 6266, RFC 5987), as
 * the Markdown export names its files. Private: class work is for the person who asked.
 */
export function downloadHeaders(name: string, extension: string, contentType: string): Record<string, string> {
  const ascii = asciiFileName(name);
  const unicode = unicodeFileName(name) || ascii;
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeRfc5987(`${unicode}.${extension}`)}`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Percent-encoding for an RFC 5987 value: `encodeURIComponent` leaves `'()*` alone, which it must not. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
