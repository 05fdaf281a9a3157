import { describe, expect, test } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
  test('keeps paths on this site', () => {
    expect(safeRedirectPath('/join/ABCDEFGH')).toBe('/join/ABCDEFGH');
    expect(safeRedirectPath('/classes/1?tab=members')).toBe('/classes/1?tab=members');
  });

  test('replaces anything that could leave the site', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', undefined, 42]) {
      expect(safeRedirectPath(bad)).toBe('/');
    }
  });
});
