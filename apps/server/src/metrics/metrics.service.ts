import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ScanRuns, UsageRecorder } from '@tokenshift/usage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { routeOf } from '../usage/request-usage';
import { methodLabel } from './request-labels';
import { ScanFindingsCache } from './scan-findings-cache';

/** From a cached token check (well under a millisecond) to a slow search or a database outage. */
const DURATION_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics of one server process (its own registry, so nothing is shared between instances).
 * Every label value comes from a bounded set (see request-labels.ts and docs/grafana/README.md); the
 * per-repository scanner series only exist when `/metrics` needs a token (METRICS_TOKEN).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'tokenshift_http_requests_total',
    help: 'HTTP requests by auth mode, method, route template and status',
    labelNames: ['auth_mode', 'method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly requestDuration = new Histogram({
    name: 'tokenshift_http_request_duration_seconds',
    help: 'Time from receiving a request to sending the response, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS_SECONDS,
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

  /** Gateway mode: proxied requests the upstream did not answer (`unreachable` → 502, `timeout` → 504). */
  readonly upstreamFailures = new Counter({
    name: 'tokenshift_gateway_upstream_failures_total',
    help: 'Proxied requests answered by the gateway because the upstream could not be reached (502) or did not answer in time (504)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly scanFindings: ScanFindingsCache;

  constructor(recorder: UsageRecorder, scans: ScanRuns, config: ConfigService<AppConfig, true>) {
    const { token, scanRefreshSeconds } = config.get('metrics', { infer: true });
    collectDefaultMetrics({ register: this.registry, prefix: 'tokenshift_' });
    this.registerUsageMetrics(recorder);
    this.scanFindings = new ScanFindingsCache(
      async () => (await scans.repos()).map(({ repo, latest }) => ({ repo, findings: latest.findingCount })),
      scanRefreshSeconds * 1000,
    );
    this.registerScanMetrics(token !== undefined);
  }

  /** Counts a finished request; `authMode` is the principal's, or `anonymous`. */
  observeRequest(request: FastifyRequest, reply: FastifyReply, authMode: string): void {
    const route = routeOf(request);
    const method = methodLabel(request.method);
    const status = reply.statusCode;
    this.requests.inc({ auth_mode: authMode, method, route, status });
    this.requestDuration.observe({ method, route, status }, reply.elapsedTime / 1000);
  }

  /** A run was reported to this instance: the next scrape reads the scanner figures again. */
  scanRunReported(): void {
    this.scanFindings.invalidate();
  }

  /** The usage recorder's counters, read at each scrape (`queued = written + dropped + pending`). */
  private registerUsageMetrics(recorder: UsageRecorder): void {
    const counters = [
      ['queued', 'Usage events queued for recording by this process'],
      ['written', 'Usage events written to the database by this process'],
      ['dropped', 'Usage events dropped because the queue was full (a long database outage)'],
      ['failedFlushes', 'Batch writes of usage events that failed (retried with back-off)'],
    ] as const;
    for (const [field, help] of counters) {
      new Counter({
        name: field === 'failedFlushes' ? 'tokenshift_usage_failed_flushes_total' : `tokenshift_usage_events_${field}_total`,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(recorder.snapshot()[field]);
        },
      });
    }
    new Gauge({
      name: 'tokenshift_usage_events_pending',
      help: 'Usage events of this process waiting to be written',
      registers: [this.registry],
      collect() {
        this.set(recorder.snapshot().pending);
      },
    });
  }

  /** Totals for everyone; repository names only behind the metrics token (they can be confidential). */
  private registerScanMetrics(perRepo: boolean): void {
    const scanFindings = this.scanFindings;
    new Gauge({
      name: 'tokenshift_scan_repos',
      help: 'Repositories with at least one scanner run',
      registers: [this.registry],
      async collect() {
        this.set((await scanFindings.get()).length);
      },
    });
    new Gauge({
      name: 'tokenshift_scan_findings_all_repos',
      help: 'Findings of the latest scanner run of each repository, added up',
      registers: [this.registry],
      async collect() {
        this.set((await scanFindings.get()).reduce((sum, repo) => sum + repo.findings, 0));
      },
    });
    if (!perRepo) return;
    new Gauge({
      name: 'tokenshift_scan_findings',
      help: 'Findings of the latest scanner run per repository',
      labelNames: ['repo'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { repo, findings } of await scanFindings.get()) this.set({ repo }, findings);
      },
    });
  }
}
