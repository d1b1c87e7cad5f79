import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiTokenModule } from '@tokenshift/auth-api-token';
import { AuthCoreModule, AuthenticationGuard, ScopeGuard } from '@tokenshift/auth-core';
import { SessionAuthModule } from '@tokenshift/auth-session';
import { DbModule } from '@tokenshift/db';
import { UsageModule } from '@tokenshift/usage';
import { UsersAdminController } from './admin/users-admin.controller';
import { LoginPageController } from './auth/login-page.controller';
import { DashboardCsrfGuard } from './auth/dashboard-csrf.guard';
import { DashboardSessionController } from './auth/dashboard-session.controller';
import { SessionController } from './auth/session.controller';
import { XsrfGuard } from './auth/xsrf.guard';
import { TokensAdminController } from './tokens/tokens-admin.controller';
import { TokensController } from './tokens/tokens.controller';
import { PolicyGuard } from './usage/policy.guard';
import { DeprecatedUsePolicy } from './usage/deprecated-use-policy';
import { CookieAttribution } from './gateway/cookie-attribution.service';
import { ScanRunsController } from './usage/scan-runs.controller';
import { UsageController } from './usage/usage.controller';
import { UsageViewsController } from './usage/usage-views.controller';
import { MyMigrationController } from './usage/my-migration.controller';
import { UsersService } from './users/users.service';
import { AppConfig } from './config/app-config';
import { DemoSeedService } from './demo/demo-seed.service';
import { JiraExceptionFilter } from './errors/jira-exception.filter';
import { HealthController } from './health/health.controller';
import { MyselfController } from './jira/myself.controller';
import { MetricsController } from './metrics/metrics.controller';
import { GracefulShutdown } from './http/graceful-shutdown.service';
import { MetricsService } from './metrics/metrics.service';
import { FieldController } from './jira/field.controller';
import { IssueAccess } from './jira/issue-access';
import { CatalogController } from './jira/catalog.controller';
import { CreateMetaController } from './jira/create-meta.controller';
import { IssueController } from './jira/issue.controller';
import { ProjectController } from './jira/project.controller';
import { CommentController } from './jira/comments/comment.controller';
import { IssueWriter } from './jira/issue-edit/issue-writer';
import { TransitionController } from './jira/workflow/transition.controller';
import { SearchController } from './jira/search.controller';
import { ServerInfoController } from './jira/server-info.controller';
import { createValidationPipe } from './errors/validate-input';

/** Every controller, in the order the API document lists them. */
const CONTROLLERS = [
  HealthController,
  ServerInfoController,
  SessionController,
  LoginPageController,
  DashboardSessionController,
  MyselfController,
  SearchController,
  CreateMetaController,
  IssueController,
  CommentController,
  TransitionController,
  FieldController,
  ProjectController,
  CatalogController,
  TokensController,
  TokensAdminController,
  UsersAdminController,
  UsageController,
  UsageViewsController,
  MyMigrationController,
  ScanRunsController,
  MetricsController,
];

/**
 * tokenshift's own pages and API, the only ones served in gateway mode (under `GATEWAY_PREFIX`): the
 * session resource and the demo Jira resources are then the upstream's.
 */
const OWN_CONTROLLERS = new Set<unknown>([
  HealthController,
  DashboardSessionController,
  TokensController,
  TokensAdminController,
  UsersAdminController,
  UsageController,
  UsageViewsController,
  MyMigrationController,
  ScanRunsController,
  MetricsController,
]);

@Module({})
export class AppModule {
  /** Built from an already validated config, so several instances can run in one process (tests). */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] }),
        DbModule.forRoot({
          url: config.database.url,
          baseDir: config.database.baseDir,
          poolSize: config.database.poolSize,
          statementTimeoutMs: config.database.statementTimeoutMs,
          rowCache: config.database.rowCache,
          migrate: config.database.migrate,
        }),
        AuthCoreModule,
        SessionAuthModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (configService: ConfigService<AppConfig, true>) => {
            const auth = configService.get('auth', { infer: true });
            return { ...auth.session, allowPasswordBasic: auth.allowPasswordBasic, dashboard: auth.dashboard };
          },
        }),
        ApiTokenModule,
        UsageModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (configService: ConfigService<AppConfig, true>) => configService.get('deprecation', { infer: true }),
        }),
      ],
      controllers: config.gateway ? CONTROLLERS.filter((controller) => OWN_CONTROLLERS.has(controller)) : CONTROLLERS,
      providers: [
        { provide: APP_FILTER, useClass: JiraExceptionFilter },
        // Guards run in this order: who is calling, is the deprecated mode switched off,
        // what their token may do, the form-token checks (Jira's, and the dashboard sign-in's CSRF token).
        AuthenticationGuard,
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_GUARD, useClass: ScopeGuard },
        { provide: APP_GUARD, useClass: XsrfGuard },
        { provide: APP_GUARD, useClass: DashboardCsrfGuard },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        DeprecatedUsePolicy,
        DemoSeedService,
        UsersService,
        IssueAccess,
        IssueWriter,
        MetricsService,
        GracefulShutdown,
        ...(config.gateway ? [CookieAttribution] : []),
      ],
    };
  }
}
