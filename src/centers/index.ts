/** The public surface of src/centers: what other modules may import (docs/development.md). */
export { CenterEntity } from './center.entity';
export { CreateCenterInput, CreateClosureInput, UpdateCenterInput } from './centers.dto';
export type { AffectedSession, CenterView, ClosureView, NamedClosureView } from './centers.dto';
export { CentersModule } from './centers.module';
export { CentersService } from './centers.service';
export { closureName } from './closure-name';
export { ClosureEntity } from './closure.entity';
export type { ClosureNames } from './closure.entity';
export { ClosuresService } from './closures.service';
