import { clear, h } from './dom';

export interface Column<T> {
  key: keyof T & string;
  label: string;
  kind: 'text' | 'number' | 'date';
  /** Cell content; defaults to the raw value. */
  render?: (row: T) => Node | string;
  /** Text searched by the filter box; defaults to the raw value. */
  searchText?: (row: T) => string;
  /** False for columns that make no sense to sort (buttons). */
  sortable?: boolean;
  /** 'low': left out on narrow screens (never a key number; the row's card keeps every other cell). */
  priority?: 'low';
  /** Sorts by this instead of the raw value (e.g. a severity's rank). */
  sortValue?: (row: T) => number | string;
}

export interface TableOptions<T> {
  caption: string;
  columns: Column<T>[];
  /** Sorted by this column first. */
  sortKey: keyof T & string;
  sortDescending: boolean;
  /** Shown instead of rows when there are none at all. */
  emptyText: () => string;
  rowKey: (row: T) => string;
  testId: string;
  /** Rows per page (default 25); longer lists get Previous/Next. */
  pageSize?: number;
  /** Extra controls beside the search box (a filter). */
  tools?: Node[];
}

/**
 * A sortable, searchable table: column headers are buttons (aria-sort says the order), a search box
 * filters rows by any column, and a line under it says how many rows are shown.
 */
export class DataTable<T> {
  readonly element: HTMLElement;
  private rows: T[] = [];
  private query = '';
  private sortKey: keyof T & string;
  private descending: boolean;
  private page = 0;
  private readonly pager: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly status: HTMLParagraphElement;
  private readonly search: HTMLInputElement;

  constructor(private readonly options: TableOptions<T>) {
    this.sortKey = options.sortKey;
    this.descending = options.sortDescending;
    const searchId = `${options.testId}-search`;
    this.search = h('input', { type: 'search', id: searchId, placeholder: 'Filter…', autocomplete: 'off', 'data-testid': searchId });
    this.search.addEventListener('input', () => {
      this.query = this.search.value.trim().toLowerCase();
      this.page = 0;
      this.render();
    });
    this.pager = h('div', { className: 'pager', 'data-testid': `${options.testId}-pager` });
    this.status = h('p', { className: 'table-status', 'aria-live': 'polite', 'data-testid': `${options.testId}-status` });
    this.table = h('table', { 'data-testid': options.testId });
    this.element = h(
      'div',
      { className: 'table-block' },
      h('div', { className: 'table-tools' }, h('label', { for: searchId }, 'Search'), this.search, ...(options.tools ?? [])),
      h('div', { className: 'table-scroll' }, this.table),
      this.status,
      this.pager,
    );
  }

  setRows(rows: T[]): void {
    this.rows = rows;
    this.page = 0;
    this.render();
  }

  /** Shows the rows again (after a filter outside the table changed what `filter` keeps). */
  refresh(): void {
    this.page = 0;
    this.render();
  }

  /** Rows kept by a filter beside the search box. */
  filter: (row: T) => boolean = () => true;

  /** The rows as shown: filtered and sorted. */
  visibleRows(): T[] {
    const { columns } = this.options;
    const kept = this.rows.filter((row) => this.filter(row));
    const filtered = this.query
      ? kept.filter((row) =>
          columns.some((column) => (column.searchText ? column.searchText(row) : String(row[column.key] ?? '')).toLowerCase().includes(this.query)),
        )
      : kept;
    const column = columns.find((c) => c.key === this.sortKey);
    const direction = this.descending ? -1 : 1;
    const value = (row: T) => (column?.sortValue ? column.sortValue(row) : row[this.sortKey]);
    const kind = column?.sortValue ? 'number' : (column?.kind ?? 'text');
    return [...filtered].sort((a, b) => direction * compare(value(a), value(b), kind));
  }

  private sortBy(key: keyof T & string): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      const kind = this.options.columns.find((c) => c.key === key)?.kind;
      this.descending = kind !== 'text';
    }
    this.page = 0;
    this.render();
  }

  private render(): void {
    const { columns, caption } = this.options;
    clear(this.table);
    this.table.append(h('caption', {}, caption));
    const headRow = h('tr');
    for (const column of columns) {
      const sorted = column.key === this.sortKey;
      const arrow = sorted ? (this.descending ? ' ▼' : ' ▲') : '';
      const className = [column.kind === 'text' ? '' : 'num', column.priority === 'low' ? 'low-priority' : ''].join(' ').trim();
      if (column.sortable === false) {
        headRow.append(h('th', { scope: 'col', className }, column.label));
        continue;
      }
      headRow.append(
        h(
          'th',
          { scope: 'col', className, 'aria-sort': sorted ? (this.descending ? 'descending' : 'ascending') : 'none' },
          h('button', { type: 'button', 'data-sort': column.key, onclick: () => this.sortBy(column.key) }, column.label, h('span', { 'aria-hidden': 'true' }, arrow)),
        ),
      );
    }
    this.table.append(h('thead', {}, headRow));
    const body = h('tbody');
    const visible = this.visibleRows();
    const pageSize = this.options.pageSize ?? 25;
    const pages = Math.max(1, Math.ceil(visible.length / pageSize));
    this.page = Math.min(this.page, pages - 1);
    const first = this.page * pageSize;
    for (const row of visible.slice(first, first + pageSize)) {
      const tr = h('tr', { 'data-key': this.options.rowKey(row) });
      for (const column of columns) {
        const content = column.render ? column.render(row) : String(row[column.key] ?? '—');
        const className = [column.kind === 'text' ? '' : 'num', column.priority === 'low' ? 'low-priority' : ''].join(' ').trim();
        // data-label: on a narrow screen each row is a card and every cell says what it holds.
        tr.append(h('td', { className, 'data-column': column.key, 'data-label': column.label }, content));
      }
      body.append(tr);
    }
    if (visible.length === 0) {
      const text = this.rows.length === 0 ? this.options.emptyText() : `No row matches “${this.search.value.trim()}”.`;
      body.append(h('tr', { className: 'empty' }, h('td', { colspan: columns.length }, text)));
    }
    this.table.append(body);
    this.search.disabled = this.rows.length === 0;
    const range = pages > 1 ? ` Rows ${first + 1}–${Math.min(first + pageSize, visible.length)} shown.` : '';
    this.status.textContent =
      this.rows.length === 0
        ? ''
        : visible.length !== this.rows.length
          ? `Showing ${visible.length} of ${this.rows.length}.${range}`
          : `${this.rows.length} ${this.rows.length === 1 ? 'row' : 'rows'}.${range}`;
    this.renderPager(pages);
  }

  private renderPager(pages: number): void {
    clear(this.pager);
    this.pager.hidden = pages <= 1;
    if (pages <= 1) return;
    const go = (page: number) => () => {
      this.page = page;
      this.render();
    };
    this.pager.append(
      h('button', { type: 'button', disabled: this.page === 0, onclick: go(this.page - 1) }, 'Previous page'),
      h('span', { 'aria-live': 'polite' }, `Page ${this.page + 1} of ${pages}`),
      h('button', { type: 'button', disabled: this.page >= pages - 1, onclick: go(this.page + 1) }, 'Next page'),
    );
  }
}

function compare(a: unknown, b: unknown, kind: 'text' | 'number' | 'date'): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (kind === 'number') return Number(a) - Number(b);
  if (kind === 'date') return Date.parse(String(a)) - Date.parse(String(b));
  return String(a).localeCompare(String(b), undefined, { sensitivity: 'base', numeric: true });
}
