import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../common/config';
import { createDataSource } from './data-source';
import { HeavyReads } from './heavy-reads';
import { withMigrationLock, WriteTransactions } from './write-transactions';

@Injectable()
class DataSourceLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HeavyReads) private readonly heavyReads: HeavyReads,
  ) {}

  /** The heavy-read workers first, so that the app's connection is the last one to close. */
  async onApplicationShutdown(): Promise<void> {
    await this.heavyReads.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Opens the configured database and brings its schema up to date before anything uses it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const dataSource = createDataSource(config.database);
            await dataSource.initialize();
            await withMigrationLock(dataSource, () =>
              dataSource.runMigrations({ transaction: 'each' }),
            );
            return dataSource;
          },
        },
        {
          provide: WriteTransactions,
          inject: [DataSource, APP_CONFIG],
          useFactory: (dataSource: DataSource, config: AppConfig) =>
            new WriteTransactions(dataSource, {
              resourceLocks: !config.unsafeDisableResourceLocks,
            }),
        },
        {
          provide: HeavyReads,
          inject: [DataSource],
          useFactory: async (dataSource: DataSource) => {
            const reads = new HeavyReads(dataSource);
            await reads.start();
            return reads;
          },
        },
        DataSourceLifecycle,
      ],
      exports: [DataSource, WriteTransactions, HeavyReads],
    };
  }
}
