import { API, getJson } from '../api';
import { destroyChart, drawBurnDown } from '../charts';
import { toCsv } from '../csv';
import { byId, clear, download, h } from '../dom';
import { formatCount, formatDateTime } from '../format';
import { errorSentence, hideChart, message, setPanel } from '../page';
import { burnDown } from '../series';
import { state } from '../state';
import { DataTable } from '../table';
import type { Finding, RepoScans, ScanRun } from '../types';
import { showLoginIfSignedOut } from './sign-in';
import { lastSeen } from '../cells';


type RepoRow = RepoScans & {
  findingCount: number;
  autoFixableCount: number | null;
  scannedAt: string;
  commit: string;
  high: number;
  medium: number;
  low: number;
  info: number;
};

/**
 * An auto-fixable count, or a dash that says why there is none (a scanner older than the field). `typeof`, not
 * `=== null`: a server older than the dashboard leaves the field out.
 */
function autoFixableCell(count: number | null): Node | string {
  return typeof count !== 'number' ? h('span', { title: 'Unknown: the scanner that reported this run is older than auto-fix reporting' }, '—') : formatCount(count);
}

export const reposTable = new DataTable<RepoRow>({
  caption: "Each repository's most recent scan: findings by severity, and how many tokenshift-scan fix clears by itself",
  testId: 'repos-table',
  sortKey: 'findingCount',
  sortDescending: true,
  rowKey: (row) => row.repo,
  emptyText: () => 'No scan has been reported yet. Run the scanner with --report-to (see docs/scanner.md) to see findings here.',
  columns: [
    { key: 'repo', label: 'Repository', kind: 'text' },
    { key: 'scannedAt', label: 'Scanned', kind: 'date', render: (row) => lastSeen(row.scannedAt), searchText: () => '' },
    {
      key: 'commit',
      label: 'Commit',
      kind: 'text',
      priority: 'low',
      render: (row) => (row.commit ? h('code', { title: row.commit }, row.commit.slice(0, 10)) : '—'),
    },
    { key: 'findingCount', label: 'Findings', kind: 'number', render: (row) => formatCount(row.findingCount) },
    { key: 'high', label: 'High', kind: 'number', render: (row) => formatCount(row.high) },
    { key: 'medium', label: 'Medium', kind: 'number', render: (row) => formatCount(row.medium) },
    { key: 'low', label: 'Low', kind: 'number', render: (row) => formatCount(row.low) },
    { key: 'info', label: 'Info', kind: 'number', render: (row) => formatCount(row.info) },
    { key: 'autoFixableCount', label: 'Auto-fixable', kind: 'number', sortValue: (row) => row.autoFixableCount ?? -1, render: (row) => autoFixableCell(row.autoFixableCount) },
    {
      key: 'history',
      label: 'Details',
      kind: 'text',
      render: (row) =>
        row.findingCount === 0
          ? 'Clean'
          : h('button', { type: 'button', className: 'link', 'data-run': row.latest.id, onclick: () => void showRun(row.latest.id) }, 'Show findings'),
      searchText: () => '',
      sortable: false,
    },
  ],
});

export async function loadScans(generation: number): Promise<void> {
  setPanel('scans', 'loading');
  const canvas = byId<HTMLCanvasElement>('burndown-chart');
  try {
    const repos = await getJson<RepoScans[]>(`${API}/scan-runs/repos`);
    if (generation !== state.generation) return;
    reposTable.element.hidden = false;
    reposTable.setRows(
      repos.map((r) => ({ ...r, findingCount: r.latest.findingCount, autoFixableCount: r.latest.autoFixableCount, scannedAt: r.latest.scannedAt, commit: r.latest.commit ?? '', ...r.latest.bySeverity })),
    );
    if (repos.length === 0) {
      destroyChart(canvas, 'burnDown');
      hideChart(canvas, true);
      message('scans-message', 'No scan has been reported yet, so there is no burn-down to draw.');
      setPanel('scans', 'empty');
      return;
    }
    hideChart(canvas, false);
    const lines = burnDown(repos);
    canvas.setAttribute('aria-label', `Findings per scan: ${repos.map((r) => `${r.repo} now ${formatCount(r.latest.findingCount)}${autoFixableNote(r.latest.autoFixableCount)}`).join('; ')}.`);
    drawBurnDown(canvas, lines);
    const total = repos.reduce((sum, r) => sum + r.latest.findingCount, 0);
    const autoFixable = repos.reduce((sum, r) => sum + (r.latest.autoFixableCount ?? 0), 0);
    message(
      'scans-message',
      total === 0
        ? 'Every repository is clean at its latest scan.'
        : `${formatCount(total)} findings left across ${formatCount(repos.length)} ${repos.length === 1 ? 'repository' : 'repositories'}` +
            (autoFixable ? `; ${formatCount(autoFixable)} of them auto-fixable in one step (tokenshift-scan fix --write).` : '.'),
    );
    setPanel('scans', 'ready');
  } catch (error) {
    if (showLoginIfSignedOut(error)) return;
    destroyChart(canvas, 'burnDown');
    hideChart(canvas, true);
    reposTable.setRows([]);
    reposTable.element.hidden = true;
    message('scans-message', errorSentence('scanner results', error), 'error');
    setPanel('scans', 'error');
  }
}

function autoFixableNote(count: number | null): string {
  return typeof count !== 'number' ? '' : `, ${formatCount(count)} auto-fixable`;
}

type FindingRow = Finding & { where: string; id: string };

/** What `tokenshift-scan fix` does with a finding; null: the scanner did not say. */
const FIX_BADGES = { auto: 'Auto-fixable', manual: 'Needs a person' } as const;

function fixKind(row: Finding): keyof typeof FIX_BADGES | 'unknown' {
  if (typeof row.autoFixable !== 'boolean') return 'unknown';
  return row.autoFixable ? 'auto' : 'manual';
}

function fixLabel(row: Finding): string {
  const kind = fixKind(row);
  return kind === 'unknown' ? '' : FIX_BADGES[kind];
}

function fixBadge(row: Finding): Node | string {
  const kind = fixKind(row);
  return kind === 'unknown' ? h('span', { title: 'Unknown: reported by a scanner older than auto-fix reporting' }, '—') : h('span', { className: `fix fix-${kind}` }, FIX_BADGES[kind]);
}

/** Most severe first; the rank is what "sort by severity" sorts by. */
const SEVERITY_RANK: Record<string, number> = { high: 4, medium: 3, low: 2, info: 1 };

const severityFilter = h('select', { id: 'findings-severity', 'data-testid': 'findings-severity', 'aria-label': 'Severity' },
  h('option', { value: '' }, 'All severities'),
  ...['high', 'medium', 'low', 'info'].map((severity) => h('option', { value: severity }, `Only ${severity}`)),
);
const fixFilter = h('select', { id: 'findings-fix', 'data-testid': 'findings-fix', 'aria-label': 'Fix' },
  h('option', { value: '' }, 'Any fix'),
  h('option', { value: 'auto' }, 'Only auto-fixable'),
  h('option', { value: 'manual' }, 'Only needs a person'),
);
const findingsExport = h('button', { type: 'button', 'data-testid': 'findings-export' }, 'Export CSV');

export const findingsTable = new DataTable<FindingRow>({
  caption: 'Findings of the latest scan, most severe first',
  testId: 'run-findings',
  sortKey: 'severity',
  sortDescending: true,
  rowKey: (row) => row.id,
  pageSize: 20,
  // Each label stays on the line of its list when the tools wrap (390 px).
  tools: [
    h('span', { className: 'tool-pair' }, h('label', { for: 'findings-severity' }, 'Severity'), severityFilter),
    h('span', { className: 'tool-pair' }, h('label', { for: 'findings-fix' }, 'Fix'), fixFilter),
    findingsExport,
  ],
  emptyText: () => 'This scan has no findings.',
  columns: [
    { key: 'severity', label: 'Severity', kind: 'text', sortValue: (row) => SEVERITY_RANK[row.severity] ?? 0, render: (row) => h('span', { className: `sev sev-${row.severity}` }, row.severity) },
    { key: 'where', label: 'Where', kind: 'text', render: (row) => h('code', {}, row.where) },
    { key: 'message', label: 'What', kind: 'text' },
    { key: 'autoFixable', label: 'Fix', kind: 'text', sortValue: (row) => ({ auto: 2, manual: 1, unknown: 0 })[fixKind(row)], render: fixBadge, searchText: fixLabel },
    { key: 'replacement', label: 'Change to', kind: 'text', render: (row) => (row.replacement ? h('code', {}, row.replacement) : '—') },
  ],
});

let shownRun: ScanRun | null = null;

export function wireFindings(): void {
  const applyFilters = (): void => {
    const severity = severityFilter.value;
    const fix = fixFilter.value;
    findingsTable.filter = (row) => (!severity || row.severity === severity) && (!fix || fixKind(row) === fix);
    findingsTable.refresh();
  };
  severityFilter.addEventListener('change', applyFilters);
  fixFilter.addEventListener('change', applyFilters);
  findingsExport.addEventListener('click', () => {
    if (!shownRun) return;
    // csv-stringify writes a boolean as 1 or an empty cell; unknown stays empty.
    const rows = findingsTable.visibleRows().map((f) => ({ ...f, repo: shownRun?.repo ?? '', commit: shownRun?.commit ?? '', autoFixable: typeof f.autoFixable === 'boolean' ? String(f.autoFixable) : '' }));
    download(`tokenshift-findings-${shownRun.repo.replace(/[^\w.-]+/g, '_')}.csv`, toCsv(['repo', 'commit', 'severity', 'ruleId', 'file', 'line', 'column', 'message', 'replacement', 'autoFixable'], rows));
  });
}

async function showRun(id: string): Promise<void> {
  const container = byId('run-details');
  clear(container);
  container.append(h('p', { className: 'panel-message' }, 'Loading findings…'));
  try {
    const run = await getJson<ScanRun>(`${API}/scan-runs/${encodeURIComponent(id)}`);
    shownRun = run;
    clear(container);
    severityFilter.value = '';
    fixFilter.value = '';
    findingsTable.filter = () => true;
    findingsTable.setRows(run.findings.map((f, i) => ({ ...f, where: `${f.file}:${f.line}:${f.column}`, id: String(i) })));
    container.append(
      h('h3', { id: 'run-heading', tabindex: '-1' }, `Findings in ${run.repo} at ${run.commit ? run.commit.slice(0, 10) : 'an unknown commit'}`),
      h('p', {}, `Scanned ${formatDateTime(run.scannedAt)} by scanner ${run.scannerVersion}: ${formatCount(run.filesScanned)} files, ${formatCount(run.findingCount)} findings${autoFixableNote(run.autoFixableCount)}.`),
      findingsTable.element,
    );
    byId('run-heading').focus();
  } catch (error) {
    if (showLoginIfSignedOut(error)) return;
    clear(container);
    container.append(h('p', { className: 'panel-message error', role: 'alert' }, errorSentence('the findings of this scan', error)));
  }
}
