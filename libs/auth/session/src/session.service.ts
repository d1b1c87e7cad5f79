import { Inject, Injectable } from '@nestjs/common';
import { InvalidationBus, PrismaService, RowCacheFactory } from '@tokenshift/db';
import { SessionStore } from './session-store';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

export type { SessionUser } from './session-store';

/** The deprecated Jira sessions (`POST /rest/auth/1/session`, the `JSESSIONID` cookie). */
@Injectable()
export class SessionService extends SessionStore {
  constructor(prisma: PrismaService, bus: InvalidationBus, caches: RowCacheFactory, @Inject(SESSION_OPTIONS) options: SessionOptions) {
    super(prisma, bus, caches, { purpose: 'api', authMode: 'session', idleTimeoutSeconds: options.idleTimeoutSeconds, maxLifetimeSeconds: options.maxLifetimeSeconds });
  }
}
