/**
 * Whether the browser says this page load started on our own site, or with the person
 * themself (address bar, bookmark, a link opened from a desktop mail or chat app): `Sec-Fetch-Site` is
 * `same-origin` or `none`. Another site's link or form, or a browser that does not say,
 * is not.
 */
export function isOwnSiteNavigation(requestHeaders: Headers): boolean {
  const site = requestHeaders.get('sec-fetch-site');
  return site === 'same-origin' || site === 'none';
}
