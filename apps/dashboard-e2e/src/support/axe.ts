import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

/**
 * axe-core's browser build, injected into the page under test (no wrapper: the page runs it itself).
 * Evaluated over the DevTools protocol rather than added as a <script>: the pages' Content-Security-Policy
 * (no inline script) stays on while they are checked.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical violations axe-core finds on the page as it is now (WCAG 2.x A and AA, and best practice). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')) }));
  });
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const WIDE = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * At 1440 and at 390 px: a full-page screenshot (test-output/dashboard/<name>-1440.png, -390.png), no
 * serious or critical axe violation, and no sideways scrolling of the page. Returns what failed, by width.
 */
export async function checkPage(page: Page, name: string): Promise<Record<string, unknown>> {
  const problems: Record<string, unknown> = {};
  for (const size of [WIDE, PHONE]) {
    await page.setViewportSize(size);
    // Chart.js resizes on the next frame; the layout settles before the picture and the checks.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await screenshot(page, `${name}-${size.width}`);
    const violations = await seriousViolations(page);
    if (violations.length > 0) problems[`${size.width}px axe`] = violations;
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const excess = document.documentElement.scrollWidth - width;
      if (excess <= 0) return null;
      // The innermost elements that stick out, to say what to fix.
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > width + 1));
      return { excess, elements: wide.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`) };
    });
    if (overflow) problems[`${size.width}px overflow`] = overflow;
  }
  await page.setViewportSize(WIDE);
  return problems;
}
