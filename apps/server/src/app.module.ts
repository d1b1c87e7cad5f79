import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { PasswordHasher } from '@tokenshift/auth-session';
import { DbModule } from '@tokenshift/db';
import { AppConfig } from './config/app-config';
import { DemoSeedService } from './demo/demo-seed.service';
import { JiraExceptionFilter } from './errors/jira-exception.filter';
import { HealthController } from './health/health.controller';
import { ServerInfoController } from './jira/server-info.controller';

@Module({})
export class AppModule {
  /** Built from an already validated config, so several instances can run in one process (tests). */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] }),
        DbModule.forRoot({ url: config.database.url, baseDir: config.database.baseDir, poolSize: config.database.poolSize }),
      ],
      controllers: [HealthController, ServerInfoController],
      providers: [{ provide: APP_FILTER, useClass: JiraExceptionFilter }, PasswordHasher, ApiTokenService, DemoSeedService],
    };
  }
}
