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
import { SessionController } from './auth/session.controller';
import { XsrfGuard } from './auth/xsrf.guard';
import { TokensController } from './tokens/tokens.controller';
import { PolicyGuard } from './usage/policy.guard';
import { ScanRunsController } from './usage/scan-runs.controller';
import { UsageController } from './usage/usage.controller';
import { UsageViewsController } from './usage/usage-views.controller';
import { UsersService } from './users/users.service';
import { AppConfig } from './config/app-config';
import { DemoSeedService } from './demo/demo-seed.service';
import { JiraExceptionFilter } from './errors/jira-exception.filter';
import { HealthController } from './health/health.controller';
import { MyselfController } from './jira/myself.controller';
import { MetricsController } from './metrics/metrics.controller';
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
        }),
        AuthCoreModule,
        SessionAuthModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (configService: ConfigService<AppConfig, true>) => {
            const auth = configService.get('auth', { infer: true });
            return { ...auth.session, allowPasswordBasic: auth.allowPasswordBasic };
          },
        }),
        ApiTokenModule,
        UsageModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (configService: ConfigService<AppConfig, true>) => configService.get('deprecation', { infer: true }),
        }),
      ],
      controllers: [
        HealthController,
        ServerInfoController,
        SessionController,
        LoginPageController,
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
        UsersAdminController,
        UsageController,
        UsageViewsController,
        ScanRunsController,
        MetricsController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: JiraExceptionFilter },
        // Guards run in this order: who is calling, is the deprecated mode switched off,
        // what their token may do, the form-token check.
        AuthenticationGuard,
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_GUARD, useClass: ScopeGuard },
        { provide: APP_GUARD, useClass: XsrfGuard },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        DemoSeedService,
        UsersService,
        IssueAccess,
        IssueWriter,
        MetricsService,
      ],
    };
  }
}
