import { Test, TestingModule } from '@nestjs/testing';
import { ApiTokenModule, ApiTokenService } from '@tokenshift/auth-api-token';
import { AuthCoreModule, CredentialResolvers } from '@tokenshift/auth-core';
import { LoginService, PasswordHasher, SessionAuthModule, SessionOptions } from '@tokenshift/auth-session';
import { DbModule, PrismaService } from '@tokenshift/db';

export const SESSION_OPTIONS_FOR_TESTS: SessionOptions = {
  cookieName: 'JSESSIONID',
  cookieSecure: 'never',
  idleTimeoutSeconds: 1800,
  maxLifetimeSeconds: 28_800,
  maxFailedLogins: 3,
};

/** Both auth modes' libs on their own, without the app: the DI context a gateway hook would use. */
export interface AuthContext {
  moduleRef: TestingModule;
  prisma: PrismaService;
  resolvers: CredentialResolvers;
  logins: LoginService;
  tokens: ApiTokenService;
  /** A verified, active user with this password. */
  createUser(name: string, password: string, options?: { isAdmin?: boolean }): Promise<{ id: string; name: string; email: string }>;
  close(): Promise<void>;
}

/** The database, the auth core and both modes' modules, as the app imports them. */
export function authModules(url: string, options: Partial<SessionOptions> = {}) {
  return [
    DbModule.forRoot({ url }),
    AuthCoreModule,
    SessionAuthModule.forRootAsync({ inject: [], useFactory: () => ({ ...SESSION_OPTIONS_FOR_TESTS, ...options }) }),
    ApiTokenModule,
  ];
}

/** A verified, active user with this password. */
export async function createUser(moduleRef: { get: TestingModule['get'] }, name: string, password: string, { isAdmin = false } = {}) {
  return moduleRef.get(PrismaService).user.create({
    data: { name, email: `${name}@example.com`, displayName: name, isAdmin, emailVerified: true, passwordHash: await moduleRef.get(PasswordHasher).hash(password) },
    select: { id: true, name: true, email: true },
  });
}

export async function startAuthContext(url: string, options: Partial<SessionOptions> = {}): Promise<AuthContext> {
  const moduleRef = await Test.createTestingModule({ imports: authModules(url, options) }).compile();
  await moduleRef.init();
  const prisma = moduleRef.get(PrismaService);
  return {
    moduleRef,
    prisma,
    resolvers: moduleRef.get(CredentialResolvers),
    logins: moduleRef.get(LoginService),
    tokens: moduleRef.get(ApiTokenService),
    createUser: (name, password, options) => createUser(moduleRef, name, password, options),
    close: () => moduleRef.close(),
  };
}

export function basicHeader(login: string, secret: string): string {
  return `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;
}
