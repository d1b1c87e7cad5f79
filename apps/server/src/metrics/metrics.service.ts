import { Injectable } from '@nestjs/common';
import { ScanRuns, UsageRecorder } from '@tokenshift/usage';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** Prometheus metrics of one server process (its own registry, so nothing is shared between instances). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'tokenshift_http_requests_total',
    help: 'HTTP requests by auth mode, method, route and status',
    labelNames: ['auth_mode', 'method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly deprecatedUses = new Counter({
    name: 'tokenshift_deprecated_uses_total',
    help: 'Uses of the deprecated cookie-session mode, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly loginFailures = new Counter({
    name: 'tokenshift_login_failures_total',
    help: 'Failed logins at the session resource, by outcome (failed, denied, unverified)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly lockouts = new Counter({
    name: 'tokenshift_lockouts_total',
    help: 'Logins refused by the CAPTCHA lock-out without checking the password',
    registers: [this.registry],
  });

  readonly refusals = new Counter({
    name: 'tokenshift_policy_refusals_total',
    help: 'Deprecated uses answered 410 Gone (sunset or brown-out)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(recorder: UsageRecorder, scans: ScanRuns) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tokenshift_' });
    new Gauge({
      name: 'tokenshift_usage_events',
      help: 'Usage events of this process by state: queued (ever), written (ever), dropped (ever), pending (now)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        for (const [state, value] of Object.entries(recorder.snapshot())) if (state !== 'failedFlushes') this.set({ state }, value);
      },
    });
    new Gauge({
      name: 'tokenshift_scan_findings',
      help: 'Findings of the latest scanner run per repository',
      labelNames: ['repo'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const repo of await scans.repos()) this.set({ repo: repo.repo }, repo.latest.findingCount);
      },
    });
  }
}
