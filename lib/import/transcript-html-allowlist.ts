import { parseFragment } from 'parse5';
import { descendantElements, inHtmlNamespace } from './html-tree';

/**
 * The contract of transcript HTML (see sanitize-transcript-html.ts) as data, and a check of
 * any HTML against it: for tests, and for callers that want to assert what they store.
 */
export const transcriptHtmlAllowlist: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], strong: [], em: [], code: ['class'], pre: [], ul: [], ol: [], li: [], blockquote: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], table: [], thead: [], tbody: [], tr: [],
  th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'], a: ['href', 'rel'], hr: [], s: [],
};

const linkRel = 'noopener noreferrer nofollow';

/** What in `html`, parsed as a browser would, breaks the allowlist; empty when nothing does. */
export function transcriptHtmlViolations(html: string): string[] {
  const violations: string[] = [];
  const fragment = parseFragment(html);
  for (const node of fragment.childNodes) if (node.nodeName === '#comment') violations.push('a comment');
  for (const element of descendantElements(fragment)) {
    const allowed = transcriptHtmlAllowlist[element.tagName];
    if (!inHtmlNamespace(element) || !allowed) {
      violations.push(`element <${element.tagName}>`);
      continue;
    }
    for (const { name, value } of element.attrs) {
      if (!allowed.includes(name)) violations.push(`attribute ${name} on <${element.tagName}>`);
      else if (name === 'class' && !/^language-[A-Za-z0-9_+#.-]+$/.test(value)) violations.push(`class="${value}"`);
      else if (name === 'rel' && value !== linkRel) violations.push(`rel="${value}"`);
      else if (name === 'href' && !/^(https?:\/\/|mailto:)/.test(value)) violations.push(`href="${value}"`);
      else if ((name === 'colspan' || name === 'rowspan') && !/^[1-9][0-9]*$/.test(value)) violations.push(`${name}="${value}"`);
    }
    if (element.tagName === 'a' && element.attrs.find((attribute) => attribute.name === 'rel')?.value !== linkRel) violations.push('a link without rel');
  }
  for (const element of descendantElements(fragment)) {
    for (const child of element.childNodes) if (child.nodeName === '#comment') violations.push('a comment');
  }
  return violations;
}
