/** The public surface of src/resources: what other modules may import (docs/development.md). */
export { isExclusive, RESOURCE_KINDS, ResourceEntity } from './resource.entity';
export type { ResourceKind } from './resource.entity';
export { CreateResourceInput, DeactivateResourceQuery, UpdateResourceInput } from './resources.dto';
export type { ResourceView } from './resources.dto';
export { ResourcesModule } from './resources.module';
export { ResourcesService, updatedResource } from './resources.service';
