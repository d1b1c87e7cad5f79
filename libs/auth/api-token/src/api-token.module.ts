import { Module } from '@nestjs/common';
import { ApiTokenBearerStrategy } from './api-token-bearer.strategy';
import { ApiTokenService } from './api-token.service';
import { ApiTokenBasicStrategy } from './api-token-basic.strategy';

/** API tokens: lifecycle service and the Basic and Bearer strategies, which register as credential resolvers. Needs DbModule and AuthCoreModule. */
@Module({
  providers: [ApiTokenService, ApiTokenBasicStrategy, ApiTokenBearerStrategy],
  exports: [ApiTokenService],
})
export class ApiTokenModule {}
