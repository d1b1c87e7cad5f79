import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import type { TokenScope } from '@tokenshift/shared';
import { AdminGuard } from './admin.guard';
import { RequiresScope } from './requires-scope.decorator';

type ControllerOrRouteDecorator = <Y>(target: object, key?: string | symbol, descriptor?: TypedPropertyDescriptor<Y>) => void;

/**
 * On a controller, the decorators it needs plus the OpenAPI security schemes its routes accept; on
 * a route, only the decorators (its controller lists the schemes once, not again per operation).
 * Applied in the order the stacked decorators they replace applied, so the document is unchanged.
 */
function controllerOrRoute(decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator>): ControllerOrRouteDecorator {
  const onRoute = applyDecorators(...decorators);
  const onController = applyDecorators(ApiCookieAuth(), ApiBearerAuth(), ApiBasicAuth(), ...decorators);
  return (target, key, descriptor) => (descriptor ? onRoute(target, key, descriptor) : onController(target, key, descriptor));
}

/** Routes any authenticated caller may use, with a token only if it carries `scope` (sessions and passwords carry every scope). */
export const TokenApi = (scope: TokenScope = 'read'): ControllerOrRouteDecorator => controllerOrRoute([RequiresScope(scope)]);

/** Administration: an admin user and, with a token, the `admin` scope. */
export const AdminApi = (): ControllerOrRouteDecorator => controllerOrRoute([UseGuards(AdminGuard), RequiresScope('admin')]);
