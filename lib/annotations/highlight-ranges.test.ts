import { getSchema } from '@tiptap/core';
import { describe, expect, test } from 'vitest';
import { transcriptExtensions } from '@/lib/editor/transcript-extensions';
import { highlightRanges, highlightsExactlyOn, highlightSpans } from './highlight-ranges';

const schema = getSchema(transcriptExtensions());

function text(value: string, highlightIds: string[] = []) {
  return schema.text(value, highlightIds.map((highlightId) => schema.marks.highlight!.create({ highlightId })));
}

function documentOf(...paragraphs: ReturnType<typeof text>[][]) {
  return schema.nodes.doc!.create(null, [
    schema.nodes.turn!.create({ role: 'assistant' }, paragraphs.map((children) => schema.nodes.paragraph!.create(null, children))),
  ]);
}

describe('highlightRanges', () => {
  test('lists highlights in document order with their text, overlapping ones included', () => {
    const doc = documentOf([text('Before '), text('second', ['b']), text(' and '), text('both', ['a', 'b'])], [text('first later', ['a'])]);
    const ranges = highlightRanges(doc);
    expect(ranges.map((range) => [range.highlightId, range.text])).toEqual([
      ['b', 'secondboth'],
      ['a', 'bothfirst later'],
    ]);
    expect(doc.textBetween(ranges[0]!.from, ranges[0]!.to)).toBe('second');
  });

  test('finds every span of a split highlight, and nothing for an unknown one', () => {
    const doc = documentOf([text('one', ['x']), text(' gap '), text('two', ['x'])]);
    expect(highlightSpans(doc, 'x').map((span) => doc.textBetween(span.from, span.to))).toEqual(['one', 'two']);
    expect(highlightSpans(doc, 'nope')).toEqual([]);
    expect(highlightRanges(documentOf([text('plain')]))).toEqual([]);
  });
});

describe('highlightsExactlyOn', () => {
  test('names the highlights covering exactly the selected text, not those reaching past it or covering part of it', () => {
    // positions: doc 0, turn 1, paragraph 2, text from 2: "ab" 2-4, "cd" 4-6, "ef" 6-8
    const doc = documentOf([text('ab', ['wide']), text('cd', ['exact', 'wide']), text('ef', ['wide'])], [text('gh', ['split'])]);
    expect(highlightsExactlyOn(doc, 4, 6)).toEqual(['exact']);
    expect(highlightsExactlyOn(doc, 2, 8)).toEqual(['wide']);
    expect(highlightsExactlyOn(doc, 4, 5)).toEqual([]);
    expect(highlightsExactlyOn(doc, 4, 4)).toEqual([]);
  });

  test('a highlight across two paragraphs matches a selection across the same two paragraphs', () => {
    const doc = documentOf([text('one', ['x'])], [text('two', ['x'])]);
    const spans = highlightSpans(doc, 'x');
    expect(highlightsExactlyOn(doc, spans[0]!.from, spans[1]!.to)).toEqual(['x']);
    expect(highlightsExactlyOn(doc, spans[0]!.from, spans[0]!.to)).toEqual([]);
  });
});
