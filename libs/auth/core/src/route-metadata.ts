import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/**
 * One piece of route metadata (handler's, else controller's), read once per route: reflection walks
 * prototype chains through WeakMaps, about half a microsecond per read, and guards ask on every request.
 */
export class RouteMetadata<T> {
  private readonly byController = new Map<unknown, Map<unknown, T | undefined>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly key: string,
  ) {}

  of(context: ExecutionContext): T | undefined {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let byHandler = this.byController.get(controller);
    if (!byHandler) this.byController.set(controller, (byHandler = new Map()));
    if (!byHandler.has(handler)) byHandler.set(handler, this.reflector.getAllAndOverride<T | undefined>(this.key, [handler, controller]));
    return byHandler.get(handler);
  }
}
