import { describe, expect, it } from 'vitest';
import { isOwnSiteNavigation } from './is-own-site-navigation';

describe('isOwnSiteNavigation', () => {
  it('trusts loads from our own pages and from the person themself', () => {
    expect(isOwnSiteNavigation(new Headers({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isOwnSiteNavigation(new Headers({ 'sec-fetch-site': 'none' }))).toBe(true);
  });

  it('does not trust other sites, sibling subdomains, or a browser that does not say', () => {
    expect(isOwnSiteNavigation(new Headers({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isOwnSiteNavigation(new Headers({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(isOwnSiteNavigation(new Headers())).toBe(false);
  });
});
