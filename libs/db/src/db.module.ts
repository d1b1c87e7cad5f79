import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import { PrismaService } from './prisma.service';

export interface DbModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => DatabaseOptions | Promise<DatabaseOptions>;
}

/** Provides one `PrismaService` to the whole app. */
@Global()
@Module({})
export class DbModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DbModule,
      providers: [{ provide: DATABASE_OPTIONS, useValue: options }, PrismaService],
      exports: [PrismaService],
    };
  }

  static forRootAsync(options: DbModuleAsyncOptions): DynamicModule {
    return {
      module: DbModule,
      imports: options.imports ?? [],
      providers: [
        { provide: DATABASE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        PrismaService,
      ],
      exports: [PrismaService],
    };
  }
}
