import { loadConfig } from '../common/config';
import { createDataSource } from './data-source';

/** For the TypeORM CLI: `npm run migration:run` uses the same configuration as the app. */
export default createDataSource(loadConfig().database);
