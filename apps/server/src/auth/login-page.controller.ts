import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@tokenshift/auth-core';
import { DEFAULT_BACKOFF_MS, LoginService } from '@tokenshift/auth-session';
import { AppConfig } from '../config/app-config';
import { NO_STORE } from '../http/security-headers';
import { renderLoginPage } from './login-page';

/** Longest name looked up (longer ones are no account's). */
const MAX_NAME_LENGTH = 255;

/**
 * `/login.jsp`, where Jira's `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=…` sends a
 * locked-out caller: how to sign in and, for the name in `os_username` (Jira's field name), when its
 * lock ends. An unknown name and an unlocked account read the same.
 */
@ApiExcludeController()
@Public()
@Controller()
export class LoginPageController {
  private readonly maxFailedLogins: number;
  private readonly backoffMs: readonly number[];

  constructor(
    private readonly logins: LoginService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    const session = config.get('auth', { infer: true }).session;
    this.maxFailedLogins = session.maxFailedLogins;
    this.backoffMs = session.lockoutBackoffMs?.length ? session.lockoutBackoffMs : DEFAULT_BACKOFF_MS;
  }

  @Get('login.jsp')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', NO_STORE)
  async page(@Query('os_username') osUsername: unknown): Promise<string> {
    const now = new Date();
    const name = typeof osUsername === 'string' ? osUsername.trim().slice(0, MAX_NAME_LENGTH) : '';
    const asked = name ? { name, lockedUntil: await this.logins.lockEndFor(name, now) } : undefined;
    return renderLoginPage({ maxFailedLogins: this.maxFailedLogins, backoffMs: this.backoffMs, asked, now });
  }
}
