import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout, turnElement } from './document-layout';
import { documentPlainText } from './document-text';
import { countWords, responsePlainText, responseWordCount, typedPlainText } from './response-text';

type Block = Y.XmlElement;

function textBlock(name: string, text: string, attributes: Record<string, string> = {}): Block {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  const node = new Y.XmlText();
  node.insert(0, text);
  element.insert(0, [node]);
  return element;
}

function list(name: 'bulletList' | 'orderedList', ...items: Block[][]): Block {
  const element = new Y.XmlElement(name);
  element.insert(
    0,
    items.map((blocks) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, blocks);
      return item;
    }),
  );
  return element;
}

function responseOf(...blocks: Block[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(documentLayout.response).insert(0, blocks);
  return doc;
}

describe('responsePlainText', () => {
  test('is empty for a document without a response', () => {
    const doc = new Y.Doc();
    expect(responsePlainText(doc)).toBe('');
    expect(responseWordCount(doc)).toBe(0);
  });

  test('writes headings, paragraphs and list items on their own lines', () => {
    const doc = responseOf(
      textBlock('heading', 'My critique', { level: '2' }),
      textBlock('paragraph', 'The answer was confident.'),
      list('bulletList', [textBlock('paragraph', 'It invented a source.')], [textBlock('paragraph', 'It skipped a step'), list('orderedList', [textBlock('paragraph', 'nested')])]),
      textBlock('paragraph', 'Overall: weak.'),
    );
    expect(responsePlainText(doc)).toBe('My critique\nThe answer was confident.\nIt invented a source.\nIt skipped a step\nnested\nOverall: weak.');
    expect(responseWordCount(doc)).toBe(17);
  });

  test('keeps words of adjacent blocks apart and counts marked text once', () => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const doc = responseOf(textBlock('paragraph', 'end'), paragraph, textBlock('heading', 'start', { level: '1' }));
    text.insert(0, 'bold');
    text.insert(4, 'ly', { bold: true });
    expect(responsePlainText(doc)).toBe('end\nboldly\nstart');
    expect(responseWordCount(doc)).toBe(3);
  });

  test('is not the transcript, and the transcript projection ignores it', () => {
    const doc = responseOf(textBlock('paragraph', 'my response'));
    const turn = new Y.XmlElement(turnElement.name);
    turn.setAttribute(turnElement.roleAttribute, 'user');
    turn.insert(0, [textBlock('paragraph', 'the transcript')]);
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
    expect(responsePlainText(doc)).toBe('my response');
    expect(documentPlainText(doc)).toBe('User: the transcript');
  });

  test('walks a response nested far deeper than the call stack allows', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(documentLayout.response);
      for (let depth = 0; depth < 20_000; depth += 1) {
        const quote = new Y.XmlElement('blockquote');
        parent.insert(0, [quote]);
        parent = quote;
      }
      parent.insert(0, [textBlock('paragraph', 'deep down')]);
    });
    expect(responsePlainText(doc)).toBe('deep down');
    expect(responseWordCount(doc)).toBe(2);
  });
});

describe('countWords', () => {
  test('letters that draw a blank (the Hangul fillers) part words like spaces, so no words hide behind them', () => {
    for (const blank of ['\u3164', '\uFFA0', '\u115F', '\u1160']) {
      expect(countWords(Array.from({ length: 100 }, () => 'word').join(blank)), `U+${blank.codePointAt(0)!.toString(16)}`).toBe(100);
      expect(countWords(blank.repeat(5))).toBe(0);
    }
    // Korean itself still counts by spaces.
    expect(countWords('안녕하세요 세계')).toBe(2);
  });

  test.each([
    ['', 0],
    ['   \n\t  ', 0],
    ['one', 1],
    ['I', 1],
    ['two words', 2],
    ['  leading and trailing  ', 3],
    ['lines\nand\ttabs\u00A0and\u2003spaces', 5],
  ])('counts %j as %i', (text, words) => expect(countWords(text)).toBe(words));

  test.each([
    ["don't", 1],
    ['O’Neill’s', 1],
    ['well-known e-mail', 2],
    ['non‑breaking‐hyphens', 1],
    ["rock 'n' roll", 3],
    ['- dash at the start -', 4],
    ['word—word', 2],
    ['word -- word', 2],
    ["'quoted'", 1],
    ['3.14 and 1,000 and 2026-12-02', 5],
    ['end. Next', 2],
    ['a,b', 2],
  ])('keeps apostrophes and hyphens inside words: %j is %i', (text, words) => expect(countWords(text)).toBe(words));

  test.each([
    ['!!! ... — ? ¿¡ «» “” • * # @ & %', 0],
    ["'", 0],
    ['-', 0],
    ['👍 👍🏽 👨‍👩‍👧 🏳️‍🌈', 0],
    ['Ω≈ç√∫˜µ≤≥÷', 3],
    ['∑ ∞ ≠ ± → ✓', 0],
    ['\u0000\u0001\u001f', 0],
    ['\u200B\u200E\u202E\uFEFF', 0],
    ['\u0301\u0301', 0],
  ])('punctuation, symbols and emoji alone are not words: %j is %i', (text, words) => expect(countWords(text)).toBe(words));

  test.each([
    ['我爱你', 3],
    ['我爱Grimoire', 3],
    ['日本語のテキスト', 8],
    ['コーヒー', 4],
    ['人々', 2],
    ['你好，世界。', 4],
    ['안녕하세요 세계', 2],
    ['Ｆｕｌｌ ｗｉｄｔｈ １２３', 3],
  ])('counts every Chinese or Japanese character as a word: %j is %i', (text, words) => expect(countWords(text)).toBe(words));

  test.each([
    ['naïve café', 2],
    ['nai\u0308ve cafe\u0301', 2],
    ['Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', 1],
    ['नमस्ते दुनिया', 2],
    ['مرحبا بالعالم', 2],
    ['שלום עולם', 2],
    ['\u202Eevil\u202C text', 2],
    ['می\u200Cخواهم', 1],
    ['𝐁𝐨𝐥𝐝 𝓼𝓬𝓻𝓲𝓹𝓽', 2],
    ['Здравствуй, мир', 2],
    ['a\u200Bb', 2],
    ['soft\u00ADhyphen', 1],
    ['<script>alert(1)</script>', 4],
    ["'; DROP TABLE users; --", 3],
    ['${7*7} {{7*7}}', 4],
  ])('handles %j as %i words', (text, words) => expect(countWords(text)).toBe(words));

  test('counts a long text in linear time', () => {
    const text = 'word '.repeat(200_000);
    const started = performance.now();
    expect(countWords(text)).toBe(200_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('typedPlainText', () => {
  test('is the transcript, then the response under its own line, so nothing typed is left out of a copy', () => {
    const doc = responseOf(textBlock('paragraph', 'My answer.'));
    const turn = new Y.XmlElement(turnElement.name);
    turn.setAttribute(turnElement.roleAttribute, 'user');
    turn.insert(0, [textBlock('paragraph', 'Hello')]);
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
    expect(typedPlainText(doc)).toBe(`${documentPlainText(doc)}\n\nResponse:\nMy answer.`);
    expect(typedPlainText(responseOf(textBlock('paragraph', 'Only this.')))).toBe('Response:\nOnly this.');
    expect(typedPlainText(new Y.Doc())).toBe('');
  });
});
