import { Inject, Injectable } from '@nestjs/common';
import { InvalidationBus, PrismaService, RowCacheFactory } from '@tokenshift/db';
import { hash } from 'node:crypto';
import { SessionStore } from './session-store';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

/** The dashboard session's defaults when the app gives none (the settings' defaults). */
export const DEFAULT_DASHBOARD_SESSION = {
  cookieName: 'tokenshift.dashboard',
  idleTimeoutSeconds: 30 * 60,
  maxLifetimeSeconds: 8 * 60 * 60,
  pathPrefix: '/rest/tokenshift/',
  cookiePath: '/rest/tokenshift',
} as const;

/**
 * The web sign-in of tokenshift's own pages: a session of its own purpose and clocks, never a Jira
 * session cookie, so the dashboard's use is not the deprecated mode.
 */
@Injectable()
export class DashboardSessionService extends SessionStore {
  constructor(prisma: PrismaService, bus: InvalidationBus, caches: RowCacheFactory, @Inject(SESSION_OPTIONS) options: SessionOptions) {
    const dashboard = options.dashboard ?? DEFAULT_DASHBOARD_SESSION;
    super(prisma, bus, caches, {
      purpose: 'dashboard',
      authMode: 'dashboard-session',
      idleTimeoutSeconds: dashboard.idleTimeoutSeconds,
      maxLifetimeSeconds: dashboard.maxLifetimeSeconds,
    });
  }
}

/**
 * The CSRF token of a dashboard session: derived from its id (as Jira's form token is), so every
 * instance computes it without storing it and nobody without the session id can forge it.
 */
export function dashboardCsrfTokenFor(sessionId: string): string {
  return hash('sha256', `dashboard-csrf:${sessionId}`, 'base64url');
}
