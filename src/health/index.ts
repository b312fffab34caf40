/** The public surface of src/health: what other modules may import (docs/development.md). */
export { HealthController } from './health.controller';
