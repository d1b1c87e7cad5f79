import { Test, TestingModule } from '@nestjs/testing';
import { AuthCoreModule } from '@tokenshift/auth-core';
import { DbModule } from '@tokenshift/db';
import { SessionAuthModule } from './session.module';
import { SessionOptions } from './session.options';

export const TEST_SESSION_OPTIONS: SessionOptions = { cookieName: 'JSESSIONID', cookieSecure: 'never', idleTimeoutSeconds: 600, maxLifetimeSeconds: 3600, maxFailedLogins: 3 };

/** For the specs: the session module with the auth core on a fresh in-memory embedded database, initialised. */
export async function sessionTestModule(): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [DbModule.forRoot({ url: 'pglite:memory' }), AuthCoreModule, SessionAuthModule.forRootAsync({ inject: [], useFactory: () => TEST_SESSION_OPTIONS })],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}
