import { db } from '../platform/db/unit-of-work.js';
import type { ServiceName } from '../tenancy/schema.js';

/**
 * The council's intake queue of a service (table `form_intake`): each form
 * submitted to Social Care or Early Help arrives as New, is assigned to a
 * member of staff (In progress), and is Closed with one of the outcomes the
 * council names in its tenant file.
 */

export const INTAKE_STATUSES = ['new', 'inProgress', 'closed'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export interface IntakeRow {
  response_id: string;
  service: ServiceName;
  status: IntakeStatus;
  outcome: string | null;
  assigned_to: string | null;
  received_at: Date;
  updated_at: Date;
}

export interface IntakeLine extends IntakeRow {
  form_id: string;
  form_version: number;
  account_id: string;
}

/** A submission arrives in its service's queue (once: a resubmission after an edit leaves it where it is). */
export async function receive(responseId: string, service: ServiceName): Promise<boolean> {
  const rows = await (await db())('form_intake').insert({ response_id: responseId, service }).onConflict(['tenant_id', 'response_id']).ignore().returning('response_id');
  return rows.length > 0;
}

/** A service's queue at one status, oldest first for New and In progress (first come, first served), newest first once closed. */
export async function queue(service: ServiceName, status: IntakeStatus): Promise<IntakeLine[]> {
  return (await db())('form_intake as i')
    .join('form_responses as r', function () {
      this.on('r.id', 'i.response_id').andOn('r.tenant_id', 'i.tenant_id');
    })
    .where({ 'i.service': service, 'i.status': status })
    .orderBy('i.received_at', status === 'closed' ? 'desc' : 'asc')
    .limit(500)
    .select('i.response_id', 'i.service', 'i.status', 'i.outcome', 'i.assigned_to', 'i.received_at', 'i.updated_at', 'r.form_id', 'r.form_version', 'r.account_id');
}

/** How many forms wait at each status. */
export async function counts(service: ServiceName): Promise<Record<IntakeStatus, number>> {
  const rows: { status: IntakeStatus; count: string }[] = await (await db())('form_intake').where({ service }).groupBy('status').select('status').count({ count: '*' });
  const found = { new: 0, inProgress: 0, closed: 0 };
  for (const r of rows) found[r.status] = Number(r.count);
  return found;
}

/** One submission in the council's intake, or undefined. */
export async function findIntake(responseId: string): Promise<IntakeRow | undefined> {
  return (await db())<IntakeRow>('form_intake').where({ response_id: responseId }).first();
}

/** The staff member takes the form: In progress, assigned to them. */
export async function assign(responseId: string, staffId: string): Promise<void> {
  await (await db())('form_intake').where({ response_id: responseId }).update({ assigned_to: staffId, status: 'inProgress', outcome: null, updated_at: new Date() });
}

/** Closed with an outcome from the tenant file. */
export async function close(responseId: string, outcome: string): Promise<void> {
  await (await db())('form_intake').where({ response_id: responseId }).update({ status: 'closed', outcome, updated_at: new Date() });
}
