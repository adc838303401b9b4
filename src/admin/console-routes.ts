import type Router from '@koa/router';
import type { Views } from '../platform/http/views.js';
import type { AdminDeps } from './deps.js';
import { listRoutes } from './councils/list-routes.js';
import { previewRoutes } from './councils/preview-routes.js';
import { publishRoutes } from './councils/publish-routes.js';
import { taskRoutes } from './councils/task-routes.js';
import { staffRoutes } from './staff/routes.js';

/** Every console page for signed-in admins (each route checks). */
export function consoleRouters(views: Views, deps: AdminDeps): Router[] {
  return [listRoutes(views, deps), previewRoutes(views, deps), taskRoutes(views, deps), publishRoutes(views, deps), staffRoutes(views, deps)];
}
