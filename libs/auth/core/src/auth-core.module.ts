import { Global, Module } from '@nestjs/common';
import { AdminGuard } from './admin.guard';
import { AuthenticationGuard } from './authentication.guard';
import { CredentialResolvers } from './credential-resolvers';
import { ScopeGuard } from './scope.guard';

/**
 * The resolver registry and the guards. Global, so each mode's module (session, API token) can
 * register its resolvers without importing another mode's; the app lists the guards as APP_GUARDs.
 */
@Global()
@Module({
  providers: [CredentialResolvers, AuthenticationGuard, ScopeGuard, AdminGuard],
  exports: [CredentialResolvers, AuthenticationGuard, ScopeGuard, AdminGuard],
})
export class AuthCoreModule {}
