import { describe, expect, it } from 'vitest';
import { withoutTrailingLineEnds } from './code-block-text';

describe('withoutTrailingLineEnds', () => {
  it('drops the line ends (and blank lines) after the last line, whatever their style', () => {
    expect(withoutTrailingLineEnds('print(1)\n')).toBe('print(1)');
    expect(withoutTrailingLineEnds('a\nb\n\n  \n')).toBe('a\nb');
    expect(withoutTrailingLineEnds('a\r\n')).toBe('a');
  });

  it('keeps text without a trailing line end, spaces ending the last line, and leading blank lines', () => {
    expect(withoutTrailingLineEnds('x = 1')).toBe('x = 1');
    expect(withoutTrailingLineEnds('x = 1   ')).toBe('x = 1   ');
    expect(withoutTrailingLineEnds('x = 1  \n')).toBe('x = 1  ');
    expect(withoutTrailingLineEnds('\n\nx')).toBe('\n\nx');
    expect(withoutTrailingLineEnds('')).toBe('');
  });

  it('is linear on a long run of line ends and spaces', () => {
    const text = `x${'\n '.repeat(200_000)}y${'\n'.repeat(200_000)}`;
    const started = performance.now();
    expect(withoutTrailingLineEnds(text)).toBe(`x${'\n '.repeat(200_000)}y`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
