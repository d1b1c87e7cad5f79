import { Module } from '@nestjs/common';
import { ApiTokenBearerStrategy } from './api-token-bearer.strategy';
import { ApiTokenService } from './api-token.service';
import { ApiTokenBasicStrategy } from './api-token.strategy';

/** API tokens: lifecycle service and the Basic and Bearer strategies. Needs `PrismaService` (DbModule). */
@Module({
  providers: [ApiTokenService, ApiTokenBasicStrategy, ApiTokenBearerStrategy],
  exports: [ApiTokenService, ApiTokenBasicStrategy, ApiTokenBearerStrategy],
})
export class ApiTokenModule {}
