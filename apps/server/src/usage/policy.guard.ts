import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isDeprecatedUse, usageKindOf } from './classify-request';
import { DeprecatedUsePolicy } from './deprecated-use-policy';

/**
 * Switches the deprecated mode off on Nest's routes after the sunset date or during brown-outs: 410
 * Gone in Jira's envelope, saying what to use instead (the decision: {@link DeprecatedUsePolicy}).
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(private readonly policy: DeprecatedUsePolicy) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const kind = usageKindOf(request);
    if (!isDeprecatedUse(kind)) return true;
    // A login names its user only in the body; exemptions apply to it as well.
    const userName = request.user?.name ?? (kind === 'session-login' ? loginName(request.body) : null);
    const refusal = this.policy.refusalOf(request, userName);
    if (refusal) throw refusal;
    return true;
  }
}

export function loginName(body: unknown): string | null {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.slice(0, 255) : null;
}
