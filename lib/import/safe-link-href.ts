/** The only URL schemes a link in a transcript may use. */
const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link target to keep for an `href`, or undefined to drop the link (its text stays).
 * Parsing with the WHATWG URL parser, as the browser will, defeats the usual disguises:
 * entities are already decoded by the HTML parser, and the URL parser strips the tabs,
 * newlines and leading control characters (`jav&#x09;ascript:`, ` javascript:`) and
 * lowercases the scheme (`JaVaScRiPt:`) before we look at it. Relative links are dropped:
 * there is no page they could be relative to.
 */
export function safeLinkHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  if (!URL.canParse(href)) return undefined;
  const url = new URL(href);
  if (!allowedProtocols.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}
