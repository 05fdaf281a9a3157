import { describe, expect, test } from 'vitest';
import { afterWelcomePath, needsDisplayName, welcomePath } from './welcome-path';

describe('the first-sign-in name page keeps where the person was going, on this site only', () => {
  test('a same-site path is kept, query and all', () => {
    expect(welcomePath('/classes/abc?members=all')).toBe('/welcome?next=%2Fclasses%2Fabc%3Fmembers%3Dall');
    expect(afterWelcomePath('/classes/abc?members=all')).toBe('/classes/abc?members=all');
  });

  test('another site, a protocol-relative or a back-slashed address, or no path at all goes home', () => {
    for (const hostile of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'evil', '', undefined, 42]) {
      expect(afterWelcomePath(hostile)).toBe('/');
    }
    expect(welcomePath('https://evil.example/')).toBe('/welcome');
  });

  test('never back to itself (which would ask again)', () => {
    expect(afterWelcomePath('/welcome')).toBe('/');
    expect(afterWelcomePath('/welcome?next=%2Fwelcome')).toBe('/');
    expect(welcomePath('/welcome?next=/x')).toBe('/welcome');
  });

  test('only a blank name needs choosing', () => {
    expect(needsDisplayName({ name: '' })).toBe(true);
    expect(needsDisplayName({ name: '   ' })).toBe(true);
    expect(needsDisplayName({ name: 'Ada' })).toBe(false);
  });
});
