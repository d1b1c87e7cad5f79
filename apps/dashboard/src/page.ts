import { ApiError } from './api';
import { byId } from './dom';

/** The page's and each panel's state, as data attributes the stylesheet and the browser test read. */
export type PanelState = 'loading' | 'ready' | 'empty' | 'error';

export function setPageState(value: 'loading' | 'login' | 'forbidden' | 'ready' | 'error'): void {
  document.body.dataset['state'] = value;
}

export function setPanel(id: string, value: PanelState): void {
  byId(id).dataset['state'] = value;
}

export function byTestId(testId: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`[data-testid="${testId}"] is missing from index.html`);
  return element;
}

/** Hides a chart's box (an empty or failed panel says why in words instead). */
export function hideChart(canvas: HTMLCanvasElement, hidden: boolean): void {
  const box = canvas.closest<HTMLElement>('.chart-box');
  if (box) box.hidden = hidden;
}

/** A panel's sentence: why it is empty, or what failed (null hides it). */
export function message(testId: string, text: string | null, kind: 'empty' | 'error' = 'empty'): void {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!element) return;
  element.hidden = text === null;
  element.textContent = text ?? '';
  element.className = `panel-message ${kind}`;
  element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

export function showNotice(text: string | null): void {
  const notice = byId('notice');
  notice.hidden = text === null;
  notice.textContent = text ?? '';
}

export function errorSentence(what: string, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return `Could not load ${what}: ${error.message}`;
    if (error.status === 404) return `Could not load ${what}: this server does not offer it (HTTP 404). Is the server older than the dashboard?`;
    if (error.status >= 500) return `Could not load ${what}: the server failed (HTTP ${error.status}: ${error.message}). Try Refresh; if it persists, see the server log.`;
    return `Could not load ${what}: ${error.message} (HTTP ${error.status}).`;
  }
  return `Could not load ${what}: ${(error as Error).message}`;
}

/** 401 anywhere means the session or token is gone. */
export function isAuthError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
