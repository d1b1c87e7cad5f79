import { WORKSPACE_ROOT } from '@tokenshift/testing';
import type { Chart } from 'chart.js';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Playwright's own browser download cannot work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(WORKSPACE_ROOT, 'test-output', 'dashboard');
export const DASHBOARD_INDEX = join(WORKSPACE_ROOT, 'dist', 'apps', 'dashboard', 'index.html');

export interface BrowserSession {
  browser: Browser;
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH.`);
  }
  if (!existsSync(DASHBOARD_INDEX)) throw new Error(`${DASHBOARD_INDEX} is missing: run npx nx build dashboard first.`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Full-page screenshot under test-output/dashboard/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the page finished loading every panel (body[data-state] leaves "loading"). */
export async function waitForState(page: Page, state: 'ready' | 'login' | 'forbidden' | 'error'): Promise<void> {
  await page.waitForFunction((expected) => document.body.dataset['state'] === expected, state);
}

export async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/** Table body rows as arrays of cell texts (empty-state row included). */
export async function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
  );
}

/** The page's window, with the Chart.js instances the dashboard exposes to tests (apps/dashboard/src/charts.ts). */
export type ChartWindow = Window & { tokenshiftCharts?: Record<string, Chart> };

export interface ChartSummary {
  type: string | undefined;
  labels: string[];
  datasets: { label: string | undefined; type?: string; data: unknown[]; sum: number }[];
}

/** Reads a Chart.js instance the page exposes on window.tokenshiftCharts. */
export async function chartData(page: Page, name: string): Promise<ChartSummary | null> {
  return page.evaluate((chartName) => {
    const chart = (window as ChartWindow).tokenshiftCharts?.[chartName];
    if (!chart) return null;
    return {
      type: 'type' in chart.config ? chart.config.type : undefined,
      labels: (chart.data.labels ?? []).map(String),
      datasets: chart.data.datasets.map((d) => ({
        label: d.label,
        type: d.type,
        data: d.data,
        sum: (d.data as unknown[]).reduce<number>((s, v) => s + (typeof v === 'number' ? v : ((v as { y?: number } | null)?.y ?? 0)), 0),
      })),
    };
  }, name);
}
