import { db } from './db/unit-of-work.js';
import { currentRequest, type Actor } from './request-scope.js';

export interface AuditEntry {
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
  /** Defaults to the request's actor. */
  actor?: Actor;
}

/**
 * Appends to the tenant's audit log in the current transaction: who (actor),
 * what (action and subject), when (now), from where (IP and request id).
 */
export async function audit(action: string, entry: AuditEntry = {}): Promise<void> {
  const request = currentRequest();
  const actor = entry.actor ?? request?.actor ?? { type: 'system' };
  await (await db())('audit_log').insert({
    actor_type: actor.type,
    actor_id: actor.id ?? null,
    action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    ip: request?.ip ?? null,
    request_id: request?.requestId ?? null,
    details: entry.details ?? {},
  });
}
