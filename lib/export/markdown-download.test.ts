import { describe, expect, test } from 'vitest';
import { asciiFileName, markdownDownloadHeaders, unicodeFileName } from './markdown-download';

describe('markdownDownloadHeaders', () => {
  test('a Markdown attachment named after the title, in ASCII and in UTF-8', () => {
    expect(markdownDownloadHeaders('Café: notes (draft)')).toEqual({
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="Cafe notes draft.md"; filename*=UTF-8''Caf%C3%A9%20notes%20%28draft%29.md`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  test('quotes, semicolons, slashes and line breaks cannot break out of the header', () => {
    const header = markdownDownloadHeaders('a"; filename="evil.exe\r\nSet-Cookie: x=1/../..\\')['Content-Disposition'];
    expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._ -]+\.md"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(header).not.toMatch(/[\r\n]/);
  });

  test('characters a file name cannot hold become dashes, folded into a space beside them', () => {
    expect(asciiFileName('Week 3 - notes/draft: v2')).toBe('Week 3 notes-draft v2');
    expect(unicodeFileName('Semaine 3 — notes/brouillon: v2')).toBe('Semaine 3 — notes-brouillon v2');
  });

  test('a title with nothing usable falls back to "conversation"', () => {
    expect(asciiFileName('日本語')).toBe('conversation');
    expect(unicodeFileName('日本語')).toBe('日本語');
    expect(asciiFileName(' ... ')).toBe('conversation');
    expect(markdownDownloadHeaders('')['Content-Disposition']).toBe(`attachment; filename="conversation.md"; filename*=UTF-8''conversation.md`);
  });

  test('names are shortened, without splitting a character', () => {
    expect(asciiFileName('x'.repeat(500))).toHaveLength(100);
    const emoji = unicodeFileName('🙂'.repeat(150));
    expect(Array.from(emoji)).toHaveLength(100);
    expect(emoji.isWellFormed()).toBe(true);
  });

  test('lone surrogates and control characters do not reach the header', () => {
    expect(unicodeFileName('a\ud800b\u0000c\u202ed')).toBe('a\ufffdb c d');
    expect(() => markdownDownloadHeaders('a\ud800')).not.toThrow();
    expect(unicodeFileName('👩‍💻 notes')).toBe('👩‍💻 notes');
  });
});
