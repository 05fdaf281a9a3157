import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { addAnnotation, documentWithRawText, transcriptDocument } from './test-documents';
import { conversationToMarkdown } from './transcript-markdown';

/** The Markdown of the first turn's content, without the title and turn headings. */
function turnBody(markdown: string): string {
  return markdown.split(/^## (?:User|Assistant|System)\n\n/m)[1]?.split(/\n\n## /)[0]?.trimEnd() ?? '';
}

describe('conversationToMarkdown', () => {
  test('writes every node and mark of the schema as CommonMark/GFM', () => {
    const doc = transcriptDocument([
      {
        role: 'user',
        html: '<p>Explain <strong>bold</strong>, <em>italic</em>, <s>struck</s>, <code>code</code> and a <a href="https://example.com/a_(b)">link</a>.</p>',
      },
      {
        role: 'assistant',
        html: [
          '<h1>Overview</h1>',
          '<p>First line<br>second line</p>',
          '<ul><li><p>Apples</p><ol start="3"><li><p>Granny Smith</p></li><li><p>Gala</p></li></ol></li><li><p>Pears</p><ul><li><p>Conference</p></li></ul></li></ul>',
          '<ol><li><p>One</p></li><li><p>Two</p></li></ol>',
          '<pre><code class="language-ts">const fence = "```";\nconsole.log(fence);</code></pre>',
          '<blockquote><p>Quoted</p><p>twice</p></blockquote>',
          '<hr>',
          '<table><tr><th><p>Fruit</p></th><th><p>Note</p></th></tr><tr><td><p>Apple</p></td><td><p>red | green</p></td></tr></table>',
          '<h6>Deep</h6>',
        ].join(''),
      },
      { role: 'system', html: '<p>Be concise.</p>' },
    ]);
    expect(conversationToMarkdown({ title: 'Fruit', doc })).toBe(
      [
        '# Fruit',
        '',
        '## User',
        '',
        'Explain **bold**, *italic*, ~~struck~~, `code` and a [link](https://example.com/a_\\(b\\)).',
        '',
        '## Assistant',
        '',
        '### Overview',
        '',
        'First line\\',
        'second line',
        '',
        '- Apples',
        '',
        '  3. Granny Smith',
        '  4. Gala',
        '- Pears',
        '  - Conference',
        '',
        '1. One',
        '2. Two',
        '',
        '````ts',
        'const fence = "```";',
        'console.log(fence);',
        '````',
        '',
        '> Quoted',
        '>',
        '> twice',
        '',
        '***',
        '',
        '| Fruit | Note |',
        '| --- | --- |',
        '| Apple | red \\| green |',
        '',
        '###### Deep',
        '',
        '## System',
        '',
        'Be concise.',
        '',
      ].join('\n'),
    );
  });

  test('states the export time only when given one, so the output is otherwise a function of the document', () => {
    const doc = transcriptDocument([{ role: 'user', html: '<p>Hello</p>' }]);
    expect(conversationToMarkdown({ title: 'T', doc })).toBe('# T\n\n## User\n\nHello\n');
    expect(conversationToMarkdown({ title: 'T', doc })).toBe(conversationToMarkdown({ title: 'T', doc }));
    expect(conversationToMarkdown({ title: 'T', doc, exportedAt: new Date('2025-03-04T05:06:07Z') })).toBe(
      '# T\n\nExported 2025-03-04 05:06 UTC.\n\n## User\n\nHello\n',
    );
  });

  test('names an untitled conversation and escapes a title', () => {
    const doc = transcriptDocument([]);
    expect(conversationToMarkdown({ title: '  ', doc }).split('\n')[0]).toBe('# Untitled conversation');
    expect(conversationToMarkdown({ title: '*C#* notes\non [two] lines #', doc }).split('\n')[0]).toBe('# \\*C#\\* notes on \\[two\\] lines \\#');
  });

  test('keeps links to http, https and mailto only; others become their text', () => {
    const doc = transcriptDocument([
      {
        role: 'assistant',
        html: '<p><a href="mailto:ada@example.com">mail</a> <a href="javascript:alert(1)">script</a> <a href="data:text/html,x">data</a> <a href="http://example.com/a b">spaced</a></p>',
      },
    ]);
    // The editor's own link extension already refuses some of these on import; the export refuses them again.
    expect(turnBody(conversationToMarkdown({ title: 'T', doc }))).not.toMatch(/javascript|data:/);
    const raw = documentWithRawText('click', { attributes: { link: { href: 'javascript:alert(1)' } } });
    expect(turnBody(conversationToMarkdown({ title: 'T', doc: raw }))).toBe('click');
    const spaced = documentWithRawText('spaced', { attributes: { link: { href: ' https://example.com/a b<c> ' } } });
    expect(turnBody(conversationToMarkdown({ title: 'T', doc: spaced }))).toBe('[spaced](https://example.com/a%20b%3Cc%3E)');
    const mail = documentWithRawText('mail', { attributes: { link: { href: 'mailto:ada@example.com' } } });
    expect(turnBody(conversationToMarkdown({ title: 'T', doc: mail }))).toBe('[mail](mailto:ada@example.com)');
  });
});

describe('escaping', () => {
  const body = (html: string) => turnBody(conversationToMarkdown({ title: 'T', doc: transcriptDocument([{ role: 'user', html }]) }));

  test('emphasis, code, link and strikethrough characters in text read as themselves', () => {
    expect(body('<p>2 * 3 * 4, __init__ and snake_case, `tick`, [x](y), ~~no~~, a\\b</p>')).toBe(
      '2 \\* 3 \\* 4, \\_\\_init\\_\\_ and snake_case, \\`tick\\`, \\[x\\](y), \\~\\~no\\~\\~, a\\\\b',
    );
  });

  test('block syntax at the start of a line is escaped, in the middle of one it is left alone', () => {
    expect(body('<p># Not a heading</p><p>- not a list</p><p>+ nor this</p><p>> not a quote</p><p>1. not numbered</p><p>2) nor this</p>')).toBe(
      ['\\# Not a heading', '\\- not a list', '\\+ nor this', '\\> not a quote', '1\\. not numbered', '2\\) nor this'].join('\n\n'),
    );
    expect(body('<p>C# - 1. # ok</p>')).toBe('C# - 1. # ok');
    expect(body('<p>line<br># after a break<br>--- too</p>')).toBe('line\\\n\\# after a break\\\n\\--- too');
  });

  test('HTML, entities and highlight syntax in text stay text', () => {
    expect(body('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; a &lt; b, x == y, a = b</p>')).toBe(
      '\\<script>alert(1)\\</script> \\&amp; a < b, x \\=\\= y, a = b',
    );
  });

  test('pipes are escaped in table cells, code spans in cells included', () => {
    expect(body('<table><tr><th><p>a|b</p></th></tr><tr><td><p><code>x || y</code></p></td></tr></table>')).toBe(
      '| a\\|b |\n| --- |\n| `x \\|\\| y` |',
    );
  });

  test('code spans and blocks are fenced longer than any backtick run inside', () => {
    expect(body('<p><code>a`b</code> <code>``c</code> <code>d`</code></p>')).toBe('``a`b`` ``` ``c ``` `` d` ``');
    expect(body('<pre><code>```\n````</code></pre>')).toBe('`````\n```\n````\n`````');
  });

  test('a code block ends at its last line: the line ends a stored document kept after it add no blank line before the fence', () => {
    expect(body('<pre><code>print(1)\n</code></pre>')).toBe('```\nprint(1)\n```');
    const doc = documentWithRawText('a = 1\n\nb = 2\n\n\n', { block: 'codeBlock' });
    expect(turnBody(conversationToMarkdown({ title: 'T', doc }))).toBe('```\na = 1\n\nb = 2\n```');
  });

  test('a code block keeps its text verbatim up to its last line, with a language cleaned of anything that would break the fence', () => {
    const doc = documentWithRawText('*not* **markdown**\n    indented\n\n', { block: 'codeBlock' });
    doc.getXmlFragment(documentLayout.content).toArray().forEach((turn) => ((turn as Y.XmlElement).firstChild as Y.XmlElement).setAttribute('language', 'js ```\nevil'));
    expect(turnBody(conversationToMarkdown({ title: 'T', doc }))).toBe('```jsevil\n*not* **markdown**\n    indented\n```');
  });

  test('whitespace at the edge of a mark moves outside it, which CommonMark needs to see the emphasis', () => {
    expect(body('<p>a<strong> bold </strong>b <em>it </em>c</p>')).toBe('a **bold** b *it* c');
  });

  test('emphasis CommonMark would not read between punctuation and a letter is written as HTML', () => {
    expect(body('<p><strong>"quoted"</strong>s and un<em>(wise)</em>ly</p>')).toBe('<strong>"quoted"</strong>s and un<em>(wise)</em>ly');
    expect(body('<p>in<strong>word</strong>bold</p>')).toBe('in**word**bold');
  });

  test('overlapping marks are closed and reopened so delimiters nest', () => {
    expect(body('<p><strong>bold <em>both</em></strong><em> italic</em></p>')).toBe('**bold *both*** *italic*');
  });

  test('newlines in text become hard breaks; leading spaces, which would start a code block, are dropped', () => {
    expect(turnBody(conversationToMarkdown({ title: 'T', doc: documentWithRawText('one\n    two\r\nthree\n\n') }))).toBe('one\\\ntwo\\\nthree');
  });
});

describe('highlights and annotations', () => {
  test('highlighted text is ==marked== with a footnote; the Annotations section lists tag, excerpt, author, date and comments', () => {
    const doc = transcriptDocument(
      [
        { role: 'user', html: '<p>Is the <mark data-highlight-id="moon">moon made of cheese</mark>?</p>' },
        { role: 'assistant', html: '<p>No. <mark data-highlight-id="rock">It is rock</mark>, mostly.</p>' },
      ],
      {
        rock: { tagId: 'effective', authorName: 'Grace Hopper', createdAt: '2025-03-02T10:00:00Z' },
        moon: {
          tagId: 'hallucination',
          comments: [
            { authorName: 'Grace Hopper', createdAt: '2025-03-02T08:00:00Z', text: 'A classic *myth*.' },
            { authorName: 'Ada Lovelace', createdAt: '2025-03-03T23:59:59Z', text: 'Agreed.\nSecond line.' },
          ],
        },
      },
    );
    expect(conversationToMarkdown({ title: 'Moon', doc })).toBe(
      [
        '# Moon',
        '',
        '## User',
        '',
        'Is the ==moon made of cheese==[^1]?',
        '',
        '## Assistant',
        '',
        'No. ==It is rock==[^2], mostly.',
        '',
        '## Annotations',
        '',
        '[^1]: **hallucination** — "moon made of cheese" (by Ada Lovelace, 2025-03-01)',
        '    - Grace Hopper (2025-03-02): A classic \\*myth\\*.',
        '    - Ada Lovelace (2025-03-03): Agreed.\\',
        '      Second line.',
        '',
        '[^2]: **effective** — "It is rock" (by Grace Hopper, 2025-03-02)',
        '',
      ].join('\n'),
    );
  });

  test('footnotes are numbered by where their highlights begin, whatever order they were made in', () => {
    const doc = transcriptDocument([{ role: 'user', html: '<p><mark data-highlight-id="z">first</mark> <mark data-highlight-id="a">second</mark></p>' }], {
      a: { tagId: 'effective', createdAt: '2025-01-01T00:00:00Z' },
      z: { tagId: 'ineffective', createdAt: '2025-02-01T00:00:00Z' },
    });
    const markdown = conversationToMarkdown({ title: 'T', doc });
    expect(turnBody(markdown)).toBe('==first==[^1] ==second==[^2]');
    expect(markdown).toContain('[^1]: **ineffective** — "first"');
    expect(markdown).toContain('[^2]: **effective** — "second"');
  });

  test('overlapping highlights: one ==run==, each footnote where its highlight ends', () => {
    const doc = transcriptDocument(
      [{ role: 'user', html: '<p>a <mark data-highlight-id="h1">b <mark data-highlight-id="h2">c</mark></mark><mark data-highlight-id="h2"> d</mark> e</p>' }],
      { h1: { tagId: 'effective' }, h2: { tagId: 'hallucination' } },
    );
    const markdown = conversationToMarkdown({ title: 'T', doc });
    expect(turnBody(markdown)).toBe('a ==b c==[^1] ==d==[^2] e');
    expect(markdown).toContain('[^1]: **effective** — "b c"');
    expect(markdown).toContain('[^2]: **hallucination** — "c d"');
  });

  test('a highlight nested inside another, and adjacent highlights', () => {
    const nested = transcriptDocument(
      [{ role: 'user', html: '<p><mark data-highlight-id="outer">one <mark data-highlight-id="inner">two</mark> three</mark></p>' }],
      { outer: { tagId: 'effective' }, inner: { tagId: 'hallucination' } },
    );
    expect(turnBody(conversationToMarkdown({ title: 'T', doc: nested }))).toBe('==one two==[^2] ==three==[^1]');
    const adjacent = transcriptDocument([{ role: 'user', html: '<p><mark data-highlight-id="x">left</mark><mark data-highlight-id="y">right</mark>.</p>' }], {
      x: { tagId: 'effective' },
      y: { tagId: 'ineffective' },
    });
    expect(turnBody(conversationToMarkdown({ title: 'T', doc: adjacent }))).toBe('==left==[^1]==right==[^2].');
  });

  test('a highlight across blocks and marks gets one footnote, after its last piece', () => {
    const doc = transcriptDocument(
      [
        {
          role: 'assistant',
          html: '<p>Start <mark data-highlight-id="h">of <strong>bold</strong></mark></p><ul><li><p><mark data-highlight-id="h">item</mark> rest</p></li></ul>',
        },
      ],
      { h: { tagId: 'good-structure' } },
    );
    const markdown = conversationToMarkdown({ title: 'T', doc });
    expect(turnBody(markdown)).toBe('Start ==of **bold**==\n\n- ==item==[^1] rest');
    expect(markdown).toContain('[^1]: **good structure** — "of bold item"');
  });

  test('a highlight ending inside a link gets its footnote after the link', () => {
    const doc = transcriptDocument([{ role: 'user', html: '<p><a href="https://example.com"><mark data-highlight-id="h">see</mark> this</a></p>' }], {
      h: { tagId: 'effective' },
    });
    expect(turnBody(conversationToMarkdown({ title: 'T', doc }))).toBe('[==see== this](https://example.com)[^1]');
  });

  test('highlights in table cells and headings', () => {
    const doc = transcriptDocument(
      [{ role: 'user', html: '<h2><mark data-highlight-id="a">Title</mark></h2><table><tr><th><p><mark data-highlight-id="b">cell</mark></p></th></tr></table>' }],
      { a: { tagId: 'effective' }, b: { tagId: 'effective' } },
    );
    expect(turnBody(conversationToMarkdown({ title: 'T', doc }))).toBe('#### ==Title==[^1]\n\n| ==cell==[^2] |\n| --- |');
  });

  test('an annotation whose text was deleted is not listed', () => {
    const doc = transcriptDocument([{ role: 'user', html: '<p>Keep <mark data-highlight-id="kept">this</mark> and <mark data-highlight-id="gone">that</mark>.</p>' }], {
      kept: { tagId: 'effective' },
      gone: { tagId: 'hallucination', comments: [{ authorName: 'Grace', createdAt: '2025-03-02T00:00:00Z', text: 'orphan' }] },
    });
    // Delete "that" (and the highlight mark on it) the way an edit would.
    const paragraph = (doc.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const plain = text.toString().replace(/<[^>]+>/g, '');
    text.delete(plain.indexOf('that'), 'that'.length);

    const markdown = conversationToMarkdown({ title: 'T', doc });
    expect(turnBody(markdown)).toBe('Keep ==this==[^1] and .');
    expect(markdown).not.toContain('hallucination');
    expect(markdown).not.toContain('orphan');
    expect(markdown).not.toContain('[^2]');
  });

  test('a highlight mark without an annotation is plain text; a tag that was removed shows its id', () => {
    const doc = transcriptDocument([{ role: 'user', html: '<p><mark data-highlight-id="lost">no entry</mark> and <mark data-highlight-id="h">tagless</mark></p>' }]);
    addAnnotation(doc, 'h', { tagId: 'deleted-tag' });
    const markdown = conversationToMarkdown({ title: 'T', doc });
    expect(turnBody(markdown)).toBe('no entry and ==tagless==[^1]');
    expect(markdown).toContain('[^1]: **deleted-tag** — "tagless"');
  });

  test('annotation fields of the wrong type read as missing instead of failing', () => {
    const doc = transcriptDocument([{ role: 'user', html: '<p><mark data-highlight-id="h">odd</mark></p>' }]);
    const entry = new Y.Map<unknown>();
    doc.getMap(documentLayout.annotations).set('h', entry);
    entry.set('tagId', 42);
    entry.set('authorName', null);
    entry.set('createdAt', '1');
    entry.set('comments', 'not an array');
    doc.getMap(documentLayout.annotations).set('not-a-map', 'x');
    expect(conversationToMarkdown({ title: 'T', doc })).toContain('[^1]: **untagged** — "odd" (by unknown author)');
  });

  test('a highlight mark inside a code block (plain text in the schema) is not footnoted', () => {
    const doc = documentWithRawText('let x = 1;', { block: 'codeBlock', attributes: { 'highlight--abcdefgh': { highlightId: 'h' } } });
    addAnnotation(doc, 'h', { tagId: 'effective' });
    expect(conversationToMarkdown({ title: 'T', doc })).toBe('# T\n\n## Assistant\n\n```\nlet x = 1;\n```\n');
  });

  test('long excerpts are shortened', () => {
    const long = 'word '.repeat(100).trim();
    const doc = transcriptDocument([{ role: 'user', html: `<p><mark data-highlight-id="h">${long}</mark></p>` }], { h: { tagId: 'effective' } });
    const line = conversationToMarkdown({ title: 'T', doc })
      .split('\n')
      .find((each) => each.startsWith('[^1]:'));
    expect(line).toMatch(/— "(word ){39}word…" \(by/);
  });
});
