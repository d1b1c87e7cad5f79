import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import { InvalidationBus } from './invalidation-bus';
import { PrismaService } from './prisma.service';
import { RowCacheFactory } from './row-cache';

export interface DbModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => DatabaseOptions | Promise<DatabaseOptions>;
}

/** Provides one `PrismaService` to the whole app, and the invalidation bus and row caches built on it. */
@Global()
@Module({})
export class DbModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DbModule,
      providers: [{ provide: DATABASE_OPTIONS, useValue: options }, PrismaService, InvalidationBus, RowCacheFactory],
      exports: [PrismaService, InvalidationBus, RowCacheFactory],
    };
  }

  static forRootAsync(options: DbModuleAsyncOptions): DynamicModule {
    return {
      module: DbModule,
      imports: options.imports ?? [],
      providers: [
        { provide: DATABASE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        PrismaService,
        InvalidationBus,
        RowCacheFactory,
      ],
      exports: [PrismaService, InvalidationBus, RowCacheFactory],
    };
  }
}
