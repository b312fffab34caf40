import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../common/config';
import { dataSourceOptions } from './data-source';
import { HEAVY_READ_DEFAULTS, HeavyReads } from './heavy-reads';
import {
  AUDIT_TRAIL,
  AuditTrail,
  withMigrationLock,
  WriteTransactions,
} from './write-transactions';

/**
 * The data source (`@nestjs/typeorm`'s `forRootAsync`): opened from the configuration, its schema
 * brought up to date by the migrations before anything uses it, closed when the app shuts down.
 * Built once per process: the registration is the same for every app a process starts (tests).
 */
const DATA_SOURCE = TypeOrmModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    ...dataSourceOptions(config.database),
    // A database that cannot be opened stops the start-up at once, with its error.
    toRetry: () => false,
  }),
  dataSourceFactory: async (options?: DataSourceOptions) => {
    const dataSource = new DataSource(options!);
    await dataSource.initialize();
    await withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
    return dataSource;
  },
});

/**
 * The heavy-read workers stop before the app's connection closes (TypeORM's module closes it on
 * `onApplicationShutdown`), so that the app's connection is the last one and checkpoints the rest.
 */
@Injectable()
class HeavyReadsLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(HeavyReads) private readonly heavyReads: HeavyReads) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.heavyReads.stop();
  }
}

/**
 * The database: the DataSource (global, from `TypeOrmModule`) and the write unit. Each feature
 * module registers the entities it owns with `TypeOrmModule.forFeature` and reaches them only
 * through its repository class (docs/development.md, "The one way to the data").
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [DATA_SOURCE],
      providers: [
        {
          provide: WriteTransactions,
          inject: [DataSource, APP_CONFIG, { token: AUDIT_TRAIL, optional: true }],
          useFactory: (dataSource: DataSource, config: AppConfig, auditTrail?: AuditTrail) =>
            new WriteTransactions(
              dataSource,
              { resourceLocks: !config.unsafeDisableResourceLocks },
              auditTrail ?? null,
            ),
        },
        {
          provide: HeavyReads,
          inject: [DataSource, APP_CONFIG],
          useFactory: async (dataSource: DataSource, config: AppConfig) => {
            const reads = new HeavyReads(dataSource, {
              ...HEAVY_READ_DEFAULTS,
              workers: config.sqliteReadWorkers,
            });
            await reads.start();
            return reads;
          },
        },
        HeavyReadsLifecycle,
      ],
      exports: [WriteTransactions, HeavyReads],
    };
  }
}
