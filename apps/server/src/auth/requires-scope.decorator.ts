import { SetMetadata } from '@nestjs/common';
import type { TokenScope } from '@tokenshift/shared';

export const REQUIRED_SCOPE = 'tokenshift:scope';

/** The token scope a route needs (default `read`); sessions and passwords carry every scope. */
export const RequiresScope = (scope: TokenScope) => SetMetadata(REQUIRED_SCOPE, scope);
