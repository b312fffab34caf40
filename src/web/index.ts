/** The public surface of src/web: what other modules may import (docs/development.md). */
export { WebModule } from './web.module';
