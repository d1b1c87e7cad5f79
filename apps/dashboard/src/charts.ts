import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { formatBucket, formatCount, formatDate, formatShare } from './format';
import { OTHER_SERIES, topWithOther, type FilledSeries } from './series';
import type { Granularity } from './types';

Chart.register(BarController, LineController, DoughnutController, BarElement, LineElement, PointElement, ArcElement, CategoryScale, LinearScale, Tooltip, Legend, Filler);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#333';
// Numbers should be readable at once, and screenshots stable: no animation.
Chart.defaults.animation = false;

/**
 * Colour-blind-safe palettes: Paul Tol's "muted" scheme for the (at most 8) endpoint series plus grey for
 * "other", and Okabe & Ito's for repositories. Tokens are a black line over the bars: told apart by shape
 * as well as colour.
 */
export const ENDPOINT_COLOURS = ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933'];
export const OTHER_COLOUR = '#BBBBBB';
const TOKEN_COLOUR = '#000000';
const SHARE_COLOURS = ['#0072B2', '#D55E00'];
const REPO_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

declare global {
  interface Window {
    /** The Chart.js instances by panel, for tests and for the curious (devtools). */
    tokenshiftCharts?: Record<string, Chart>;
  }
}

function register(name: string, chart: Chart): Chart {
  window.tokenshiftCharts = { ...(window.tokenshiftCharts ?? {}), [name]: chart };
  return chart;
}

function replace(canvas: HTMLCanvasElement, name: string, config: ChartConfiguration): Chart {
  Chart.getChart(canvas)?.destroy();
  return register(name, new Chart(canvas, config));
}

const countTicks = { precision: 0, callback: (value: string | number) => formatCount(Number(value)) };

export function drawTimeline(canvas: HTMLCanvasElement, series: FilledSeries, granularity: Granularity): Chart {
  const labels = series.times.map((t) => formatBucket(t, granularity));
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        ...topWithOther(series.endpoints).map((e, i) => ({
          type: 'bar' as const,
          label: `Deprecated: ${e.endpoint}`,
          data: e.values,
          backgroundColor: e.endpoint.startsWith(OTHER_SERIES) ? OTHER_COLOUR : ENDPOINT_COLOURS[i % ENDPOINT_COLOURS.length],
          stack: 'deprecated',
          order: 2,
        })),
        {
          type: 'line' as const,
          label: 'API token calls',
          data: series.token,
          borderColor: TOKEN_COLOUR,
          backgroundColor: TOKEN_COLOUR,
          borderWidth: 2,
          pointRadius: granularity === 'day' ? 2 : 0,
          tension: 0,
          order: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Calls' }, ticks: countTicks },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatCount(Number(item.raw))}` } },
      },
    },
  };
  return replace(canvas, 'timeline', config as ChartConfiguration);
}

export function drawShare(canvas: HTMLCanvasElement, tokenCalls: number, deprecatedCalls: number): Chart {
  const config: ChartConfiguration<'doughnut'> = {
    type: 'doughnut',
    data: {
      labels: ['API token calls', 'Deprecated session calls'],
      datasets: [{ data: [tokenCalls, deprecatedCalls], backgroundColor: SHARE_COLOURS, borderWidth: 1 }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      cutout: '62%',
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const total = tokenCalls + deprecatedCalls;
              return `${item.label}: ${formatCount(Number(item.raw))} (${formatShare(total ? Number(item.raw) / total : null)})`;
            },
          },
        },
      },
    },
  };
  return replace(canvas, 'share', config as unknown as ChartConfiguration);
}

export function drawBurnDown(canvas: HTMLCanvasElement, repos: { repo: string; points: { x: number; y: number }[] }[]): Chart {
  const allX = repos.flatMap((r) => r.points.map((p) => p.x));
  const min = Math.min(...allX);
  const max = Math.max(...allX);
  const pad = max === min ? 86_400_000 : 0;
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: repos.map((r, i) => ({
        label: r.repo,
        data: r.points,
        borderColor: REPO_COLOURS[i % REPO_COLOURS.length],
        backgroundColor: REPO_COLOURS[i % REPO_COLOURS.length],
        borderWidth: 2,
        pointRadius: 3,
        stepped: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: 'linear',
          min: min - pad,
          max: max + pad,
          ticks: { maxTicksLimit: 8, callback: (value) => formatDate(new Date(Number(value)).toISOString()) },
        },
        y: { beginAtZero: true, title: { display: true, text: 'Findings' }, ticks: countTicks },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? formatDate(new Date(Number(items[0].parsed.x)).toISOString()) : ''),
            label: (item) => `${item.dataset.label}: ${formatCount(Number(item.parsed.y))} findings`,
          },
        },
      },
    },
  };
  return replace(canvas, 'burnDown', config as unknown as ChartConfiguration);
}

export function destroyChart(canvas: HTMLCanvasElement, name: string): void {
  Chart.getChart(canvas)?.destroy();
  if (window.tokenshiftCharts) delete window.tokenshiftCharts[name];
}
