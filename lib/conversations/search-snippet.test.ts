import { describe, expect, it } from 'vitest';
import { matchStart as open, matchStop as close, snippetSegments } from './search-snippet';

describe('snippetSegments', () => {
  it('splits a headline into text and matched segments', () => {
    expect(snippetSegments(`the quick ${open}foxes${close} jump over the ${open}fox${close}`)).toEqual([
      { text: 'the quick ', match: false },
      { text: 'foxes', match: true },
      { text: ' jump over the ', match: false },
      { text: 'fox', match: true },
    ]);
  });

  it('keeps only the line of the first match (one comment of the annotation text, one paragraph of the text)', () => {
    expect(snippetSegments(`Bold claim\nWhy ask about ${open}eggs${close}?\nFair point`)).toEqual([
      { text: 'Why ask about ', match: false },
      { text: 'eggs', match: true },
      { text: '?', match: false },
    ]);
    expect(snippetSegments(`${open}Eggs${close} first\nthen`)).toEqual([
      { text: 'Eggs', match: true },
      { text: ' first', match: false },
    ]);
  });

  it('makes runs of white space one space and trims the ends', () => {
    expect(snippetSegments(`  a \t b ${open}c${close}   d  `)).toEqual([
      { text: 'a b ', match: false },
      { text: 'c', match: true },
      { text: ' d', match: false },
    ]);
  });

  it('is null when nothing matched (a title-only match, an empty query)', () => {
    expect(snippetSegments('the start of the conversation')).toBeNull();
    expect(snippetSegments('')).toBeNull();
    expect(snippetSegments(null)).toBeNull();
  });

  it('never makes markup of the text: angle brackets stay text', () => {
    expect(snippetSegments(`<img src=x onerror=alert(1)> ${open}alert${close}`)).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'alert', match: true },
    ]);
  });
});
