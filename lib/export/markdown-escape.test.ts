import { describe, expect, test } from 'vitest';
import { allowedLinkHref, codeFence, codeInfoString, codeSpan, escapeInlineText, linkDestination } from './markdown-escape';

describe('escapeInlineText', () => {
  test('escapes what is syntax anywhere, and leaves readable what is not', () => {
    expect(escapeInlineText('a*b `c` [d] ~e~ f|g h\\i')).toBe('a\\*b \\`c\\` \\[d\\] \\~e\\~ f\\|g h\\\\i');
    expect(escapeInlineText('snake_case _emphasis_ trailing_')).toBe('snake_case \\_emphasis\\_ trailing\\_');
    expect(escapeInlineText('a = b, a == b, end=')).toBe('a = b, a \\=\\= b, end\\=');
    expect(escapeInlineText('=start')).toBe('\\=start');
    expect(escapeInlineText('1 < 2, <b>, </i>, <!-- -->, <?x, <https://x>')).toBe('1 < 2, \\<b>, \\</i>, \\<!-- -->, \\<?x, \\<https://x>');
    expect(escapeInlineText('AT&T &amp; &#35; &x')).toBe('AT&T \\&amp; \\&#35; &x');
  });

  test('at a line start, escapes what would begin a block', () => {
    const start = (text: string) => escapeInlineText(text, { lineStart: true });
    expect(['# h', '> q', '- l', '+ l', '= s', '12. o', '3) o', 'plain'].map(start)).toEqual([
      '\\# h',
      '\\> q',
      '\\- l',
      '\\+ l',
      '\\= s',
      '12\\. o',
      '3\\) o',
      'plain',
    ]);
    expect(escapeInlineText('# mid-line is fine')).toBe('# mid-line is fine');
  });
});

describe('code', () => {
  test('a code span is fenced with more backticks than any run inside, padded where CommonMark would strip', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a ``b`` c')).toBe('```a ``b`` c```');
    expect(codeSpan('`edge')).toBe('`` `edge ``');
    expect(codeSpan(' both ')).toBe('`  both  `');
    expect(codeSpan('   ')).toBe('`   `');
    expect(codeSpan('a|b', { inTable: true })).toBe('`a\\|b`');
  });

  test('a code block fence is at least three backticks and longer than any run inside', () => {
    expect(codeFence('no ticks')).toBe('```');
    expect(codeFence('````')).toBe('`````');
  });

  test('an info string keeps a language name and nothing that could end the line or the fence', () => {
    expect(codeInfoString('c++')).toBe('c++');
    expect(codeInfoString('js```\nrm -rf')).toBe('jsrm-rf');
    expect(codeInfoString(null)).toBe('');
  });
});

describe('links', () => {
  test('keeps http, https and mailto addresses only', () => {
    expect(allowedLinkHref(' https://example.com/x ')).toBe('https://example.com/x');
    expect(allowedLinkHref('HTTP://EXAMPLE.COM')).toBe('HTTP://EXAMPLE.COM');
    expect(allowedLinkHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    for (const refused of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '/relative', '#anchor', '', 42, null]) {
      expect(allowedLinkHref(refused), String(refused)).toBeNull();
    }
  });

  test('a destination escapes parentheses and encodes spaces and angle brackets', () => {
    expect(linkDestination('https://example.com/a_(b) c<d>\\')).toBe('https://example.com/a_\\(b\\)%20c%3Cd%3E\\\\');
    expect(linkDestination('https://example.com/?a|b', { inTable: true })).toBe('https://example.com/?a\\|b');
  });
});
