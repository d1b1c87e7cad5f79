import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JiraMessages } from '@tokenshift/shared';
import { AppConfig } from '../config/app-config';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { Principal } from '@tokenshift/auth-core';

/** What the issue resources share: the base URL for `self` links and who may read issues. */
@Injectable()
export class IssueAccess {
  readonly baseUrl: string;
  private readonly anonymousAccess: boolean;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    this.baseUrl = config.get('server', { infer: true }).baseUrl;
    this.anonymousAccess = config.get('auth', { infer: true }).anonymousIssueAccess;
  }

  /** Issues are readable by any authenticated caller, or by anyone when anonymous access is configured. */
  assertCanRead(user: Principal | undefined): void {
    if (!user && !this.anonymousAccess) throw new JiraHttpException(401, JiraMessages.notAuthenticated);
  }
}
