import { DynamicModule, Module } from '@nestjs/common';
import { assertValidSchedule } from './deprecation-headers';
import { DeprecationPolicy, PolicyOptions } from './deprecation-policy';
import { ScanRuns } from './scan-runs.service';
import { UsageQueries } from './usage-queries.service';
import { UsageRecorder } from './usage-recorder.service';
import { UsageViews } from './usage-views.service';
import { USAGE_OPTIONS, UsageOptions } from './usage.options';

export interface UsageModuleOptions {
  usage: UsageOptions;
  policy: PolicyOptions;
}

/** Deprecated-usage recording, the switch-off policy, the dashboard queries and scan runs. Needs DbModule. */
@Module({})
export class UsageModule {
  static forRootAsync(options: {
    inject: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
    useFactory: (...args: never[]) => UsageModuleOptions;
  }): DynamicModule {
    const OPTIONS = Symbol('USAGE_MODULE_OPTIONS');
    return {
      module: UsageModule,
      global: true,
      providers: [
        { provide: OPTIONS, inject: options.inject, useFactory: options.useFactory },
        { provide: USAGE_OPTIONS, inject: [OPTIONS], useFactory: (o: UsageModuleOptions) => o.usage },
        {
          provide: DeprecationPolicy,
          inject: [OPTIONS],
          useFactory: (o: UsageModuleOptions) => {
            assertValidSchedule(o.policy.schedule);
            return new DeprecationPolicy(o.policy);
          },
        },
        UsageRecorder,
        UsageQueries,
        UsageViews,
        ScanRuns,
      ],
      exports: [UsageRecorder, UsageQueries, UsageViews, ScanRuns, DeprecationPolicy],
    };
  }
}
