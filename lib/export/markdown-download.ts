/** Longest file name we offer, in characters before `.md`: enough for any sensible title. */
const MAX_NAME_CHARACTERS = 100;

/**
 * The headers of a Markdown file download named after the conversation. The name is given
 * twice (RFC 6266): an ASCII approximation in `filename` for old clients, and the title
 * itself in `filename*` (RFC 5987, UTF-8, percent-encoded), which current browsers prefer.
 */
export function markdownDownloadHeaders(title: string): Record<string, string> {
  const ascii = asciiFileName(title);
  const unicode = unicodeFileName(title) || ascii;
  return {
    'Content-Type': 'text/markdown; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ascii}.md"; filename*=UTF-8''${encodeRfc5987(`${unicode}.md`)}`,
    // A class's conversation: for the member who asked, not for shared caches.
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** `Café: notes/1` → `Cafe notes-1`: letters without accents, digits, space, `.`, `_`, `-`. */
export function asciiFileName(title: string): string {
  const name = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '-');
  return trimName(name) || 'conversation';
}

/** The title as a file name: no control or bidirectional-override characters, none that file systems refuse. */
export function unicodeFileName(title: string): string {
  const name = title
    .toWellFormed()
    // Controls, line breaks, and the bidirectional overrides that make `exe.md` look like `dm.exe`.
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/gu, ' ')
    .replace(/[/\\:*?"<>|]+/g, '-');
  return trimName(name);
}

/** Collapses whitespace and dashes (`Notes: draft` became `Notes- draft`: now `Notes draft`), trims and shortens. */
function trimName(name: string): string {
  const tidy = name.replace(/\s+/g, ' ').replace(/ ?-[ -]*/g, (dashes) => (dashes.includes(' ') ? ' ' : '-'));
  const shortened = Array.from(tidy.replace(/^[\s.-]+|[\s.-]+$/g, '')).slice(0, MAX_NAME_CHARACTERS).join('');
  return shortened.replace(/[\s.-]+$/, '');
}

/** Percent-encoding for an RFC 5987 value: `encodeURIComponent` leaves `'()*` alone, which it must not. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
