import { DynamicModule, Module } from '@nestjs/common';
import { DashboardSessionService } from './dashboard-session.service';
import { DashboardSessionStrategy } from './dashboard-session.strategy';
import { LoginService } from './login.service';
import { PasswordBasicStrategy } from './password-basic.strategy';
import { PasswordHasher } from './password-hasher';
import { SessionCookieStrategy } from './session-cookie.strategy';
import { SessionService } from './session.service';
import { SESSION_OPTIONS, SessionOptions } from './session.options';

/**
 * Cookie sessions: login with lock-out, the session stores (Jira's and the dashboard's), and the
 * `dashboard-session`, `session-cookie` and (when enabled) `password-basic` strategies, which register as credential resolvers. Needs DbModule and AuthCoreModule.
 */
@Module({})
export class SessionAuthModule {
  static forRootAsync(options: { inject: Array<string | symbol | (abstract new (...args: never[]) => unknown)>; useFactory: (...args: never[]) => SessionOptions }): DynamicModule {
    return {
      module: SessionAuthModule,
      global: true,
      providers: [
        { provide: SESSION_OPTIONS, inject: options.inject, useFactory: options.useFactory },
        PasswordHasher,
        SessionService,
        LoginService,
        SessionCookieStrategy,
        PasswordBasicStrategy,
        DashboardSessionService,
        DashboardSessionStrategy,
      ],
      exports: [SESSION_OPTIONS, PasswordHasher, SessionService, DashboardSessionService, LoginService],
    };
  }
}
