import { expect, type Page } from '@playwright/test';

/** A phone's viewport (an iPhone 12 to 15 held upright). */
export const phoneViewport = { width: 390, height: 844 };

interface WidthReport {
  viewportWidth: number;
  scrollWidth: number;
  /** Elements whose right edge is past the viewport without a scrolling or clipping box around them. */
  wideElements: string[];
}

/**
 * Fails when the page scrolls sideways: the document is wider than the viewport, or an
 * element sticks out past its right edge (which would widen it as soon as it is shown).
 * Elements inside a box that scrolls or clips on its own (a code block, a wide table's
 * region) are that box's business, not the page's.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const report = await page.evaluate((): WidthReport => {
    const viewportWidth = document.documentElement.clientWidth;
    const insideOwnBox = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const describe = (element: Element) => {
      const id = element.id ? `#${element.id}` : '';
      const classes = [...element.classList].map((name) => `.${name}`).join('');
      const testId = element.getAttribute('data-testid');
      return `${element.tagName.toLowerCase()}${id}${classes}${testId ? `[data-testid=${testId}]` : ''}`;
    };
    const wideElements: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || rect.right <= viewportWidth + 1) continue;
      if (insideOwnBox(element)) continue;
      wideElements.push(`${describe(element)} ends at ${Math.round(rect.right)} px`);
    }
    return { viewportWidth, scrollWidth: document.documentElement.scrollWidth, wideElements };
  });
  const width = page.viewportSize()?.width ?? report.viewportWidth;
  expect(report.scrollWidth, `${page.url()} is ${report.scrollWidth} px wide at ${width} px; too wide: ${report.wideElements.slice(0, 8).join('; ')}`).toBeLessThanOrEqual(width);
  expect(report.wideElements.slice(0, 8), `elements past the right edge on ${page.url()}`).toEqual([]);
}
