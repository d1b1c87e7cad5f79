import { CronExpressionParser } from 'cron-parser';
import { DeprecationSchedule } from './deprecation-headers';
import type { BrownoutWindow, PolicyMode } from '@tokenshift/shared';

/** off: headers and recording only; dry-run: also record what would be refused; enforce: answer 410. */
/** A brown-out window, in server time. */
export type Window = BrownoutWindow<Date>;

export type BrownoutRule = { kind: 'interval'; window: Window } | { kind: 'cron'; expression: string; durationMs: number };

export interface PolicyOptions {
  schedule: DeprecationSchedule;
  mode: PolicyMode;
  brownouts: BrownoutRule[];
  exemptUsers: string[];
  exemptClients: string[];
}

export type PolicyDecision = { action: 'allow' } | { action: 'refuse' | 'would-refuse'; reason: 'sunset' | 'brownout'; until: Date | null };

const DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i;

/**
 * Brown-out windows, `;`-separated: explicit ISO intervals (`2026-12-01T10:00:00Z/2026-12-01T11:00:00Z`)
 * or a cron expression in UTC with a duration (`cron(0 10 * * 1)/PT1H`: every Monday 10:00 for an hour).
 */
export function parseBrownouts(spec: string | undefined): BrownoutRule[] {
  if (!spec?.trim()) return [];
  return spec
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): BrownoutRule => {
      const cron = /^cron\((.+)\)\/(\S+)$/i.exec(part);
      if (cron) {
        const [, expression = '', durationText = ''] = cron;
        const duration = DURATION.exec(durationText);
        const durationMs = duration ? ((Number(duration[1] ?? 0) * 60 + Number(duration[2] ?? 0)) * 60 + Number(duration[3] ?? 0)) * 1000 : 0;
        if (!durationMs) throw new Error(`Brown-out "${part}": the duration must look like PT1H or PT30M`);
        CronExpressionParser.parse(expression, { tz: 'UTC' }); // throws on a bad expression
        return { kind: 'cron', expression, durationMs };
      }
      const [startText, endText] = part.split('/');
      const start = new Date(startText ?? '');
      const end = new Date(endText ?? '');
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
        throw new Error(`Brown-out "${part}" is neither start/end ISO dates (end after start) nor cron(<expr>)/<duration>`);
      }
      return { kind: 'interval', window: { start, end } };
    });
}

/** The windows of one rule that are current or start within the horizon. */
function windowsOf(rule: BrownoutRule, now: Date, horizonMs: number): Window[] {
  if (rule.kind === 'interval') return rule.window.end > now && rule.window.start.getTime() < now.getTime() + horizonMs ? [rule.window] : [];
  const windows: Window[] = [];
  const previous = CronExpressionParser.parse(rule.expression, { tz: 'UTC', currentDate: now }).prev().toDate();
  if (previous.getTime() + rule.durationMs > now.getTime()) windows.push({ start: previous, end: new Date(previous.getTime() + rule.durationMs) });
  const upcoming = CronExpressionParser.parse(rule.expression, { tz: 'UTC', currentDate: now });
  for (let i = 0; i < 10; i++) {
    const start = upcoming.next().toDate();
    if (start.getTime() > now.getTime() + horizonMs) break;
    windows.push({ start, end: new Date(start.getTime() + rule.durationMs) });
  }
  return windows;
}

/** When and for whom the deprecated mode is switched off. */
export class DeprecationPolicy {
  constructor(readonly options: PolicyOptions) {}

  /** Current and upcoming brown-out windows (next 90 days), soonest first. */
  windows(now = new Date(), horizonMs = 90 * 86_400_000): Window[] {
    return this.options.brownouts.flatMap((rule) => windowsOf(rule, now, horizonMs)).sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  currentBrownout(now = new Date()): Window | undefined {
    return this.windows(now, 0).find((w) => w.start <= now && now < w.end);
  }

  isExempt(who: { userName?: string | null; clientKey?: string | null }): boolean {
    return (
      (!!who.userName && this.options.exemptUsers.includes(who.userName)) ||
      (!!who.clientKey && this.options.exemptClients.some((client) => who.clientKey === client))
    );
  }

  decide(now: Date, who: { userName?: string | null; clientKey?: string | null }): PolicyDecision {
    if (this.options.mode === 'off') return { action: 'allow' };
    const sunset = now >= this.options.schedule.sunsetAt;
    const brownout = sunset ? undefined : this.currentBrownout(now);
    if ((!sunset && !brownout) || this.isExempt(who)) return { action: 'allow' };
    return {
      action: this.options.mode === 'enforce' ? 'refuse' : 'would-refuse',
      reason: sunset ? 'sunset' : 'brownout',
      until: brownout ? brownout.end : null,
    };
  }

  daysToSunset(now = new Date()): number {
    return Math.ceil((this.options.schedule.sunsetAt.getTime() - now.getTime()) / 86_400_000);
  }
}
