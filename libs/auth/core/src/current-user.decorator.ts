import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';
import type { FastifyRequest } from 'fastify';

/** The authenticated principal; throws if a route forgot to require authentication. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().user;
  if (!principal) throw new Error('@CurrentUser() used on a route without an authenticated principal');
  return principal;
});

/** The principal when there is one (public routes). */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined => context.switchToHttp().getRequest<FastifyRequest>().user,
);
