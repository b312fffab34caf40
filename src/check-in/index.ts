/** The public surface of src/check-in: what other modules may import (docs/development.md). */
export { CheckInModule } from './check-in.module';
export { CheckInService } from './check-in.service';
export { ScanService } from './scan.service';
export type { ScanResult } from './scan.service';
export { WALK_IN_TITLE } from './walk-ins.service';
