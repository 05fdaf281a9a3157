import { expect, test } from 'vitest';
import { safeLinkHref } from './safe-link-href';

test('keeps web and mail links, normalised', () => {
  expect(safeLinkHref('https://example.com')).toBe('https://example.com/');
  expect(safeLinkHref('HTTP://Example.com/a b')).toBe('http://example.com/a%20b');
  expect(safeLinkHref('  https://example.com/x  ')).toBe('https://example.com/x');
  expect(safeLinkHref('mailto:someone@example.com')).toBe('mailto:someone@example.com');
});

test('drops every other scheme, however disguised, and relative or broken links', () => {
  for (const href of [
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0000javascript:alert(1)',
    'vbscript:x', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://example.com', '/relative', '#anchor', '//example.com', 'http://', '', undefined,
  ]) {
    expect(safeLinkHref(href), String(href)).toBeUndefined();
  }
});
