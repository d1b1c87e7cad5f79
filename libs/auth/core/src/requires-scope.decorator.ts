import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { TokenScope } from '@tokenshift/shared';

export const REQUIRED_SCOPE = 'tokenshift:scope';
/** Where the OpenAPI document names an operation's scope (finish-document.ts adds its 403 from it). */
export const REQUIRED_SCOPE_EXTENSION = 'x-required-scope';

/** The token scope a route needs (default `read`); sessions and passwords carry every scope. */
export const RequiresScope = (scope: TokenScope) =>
  // An extension, not a response: declaring one would drop the success answer Nest documents by default.
  applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiExtension(REQUIRED_SCOPE_EXTENSION, scope));
