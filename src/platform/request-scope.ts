import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  type: 'anonymous' | 'professional' | 'staff' | 'platform' | 'system';
  id?: string;
}

export interface RequestScope {
  requestId: string;
  ip: string;
  actor: Actor;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Who is asking and from where: set once per request, read by the audit log. */
export function runInRequest<T>(request: RequestScope, work: () => Promise<T>): Promise<T> {
  return scope.run(request, work);
}

export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}

/** Records who is acting from here on in this request (after sign-in). */
export function setActor(actor: Actor): void {
  const current = scope.getStore();
  if (current) current.actor = actor;
}
