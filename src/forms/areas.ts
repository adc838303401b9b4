import { SERVICE_AREAS } from '../tenancy/services.js';
import type { FormScope } from './scope.js';

/** The page a form goes back to when done: a child's progress page (SEND), else its service area's home. */
export function childHome(scope: Pick<FormScope, 'enabled' | 'child'>): string {
  if (scope.child) return `/send/children/${scope.child.id}`;
  return SERVICE_AREAS.find((a) => a.service === scope.enabled.service)?.path ?? '/';
}

/** The service area a form belongs to (its path and name), for back links and the recover page. */
export function areaOf(service: string) {
  return SERVICE_AREAS.find((a) => a.service === service);
}
