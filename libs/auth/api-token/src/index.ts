export { generateApiToken, hashApiToken, hasTokenShape, tokenPreview, TOKEN_PATTERN, TOKEN_PREFIX, TOKEN_LENGTH } from './token-format';
export { ApiTokenService } from './api-token.service';
export type { CreatedApiToken, CreateApiTokenInput, ApiTokenSummary } from './api-token.service';
export { ApiTokenModule } from './api-token.module';
export { bearerToken } from './api-token-bearer.strategy';
export { API_TOKEN_BASIC_STRATEGY, API_TOKEN_BEARER_STRATEGY } from './api-token.constants';
