import { audit } from '../platform/audit.js';
import { db } from '../platform/db/unit-of-work.js';
import type { SendStage } from '../tenancy/schema.js';

/**
 * Where a child is in the statutory EHC process and the key dates the council
 * has set: one `send_assessments` row per child, `key_dates` as
 * { <key date id from tenant.send.keyDates>: 'YYYY-MM-DD' }. The professional's
 * progress page reads the same row.
 */

export const STAGES: SendStage[] = ['request', 'assessment', 'plan', 'review'];

export interface Assessment {
  stage: SendStage;
  keyDates: Record<string, string>;
  /** False until the council first sets the stage (the child is then at Request). */
  set: boolean;
  updatedAt?: Date;
}

export const isStage = (value: unknown): value is SendStage => STAGES.some((s) => s === value);

export async function readAssessment(childId: string): Promise<Assessment> {
  const row: { stage: SendStage; key_dates: Record<string, string>; updated_at: Date } | undefined = await (await db())('send_assessments')
    .where({ child_id: childId })
    .first('stage', 'key_dates', 'updated_at');
  if (!row) return { stage: 'request', keyDates: {}, set: false };
  return { stage: row.stage, keyDates: row.key_dates ?? {}, set: true, updatedAt: row.updated_at };
}

/**
 * Sets the stage and the key dates (those given replace the ones the council
 * configures; a configured date left empty is removed; others are kept).
 */
export async function saveAssessment(childId: string, change: { stage: SendStage; keyDates: Record<string, string | undefined> }, staffId: string): Promise<void> {
  const before = await readAssessment(childId);
  const keyDates = { ...before.keyDates };
  for (const [id, value] of Object.entries(change.keyDates)) {
    if (value) keyDates[id] = value;
    else delete keyDates[id];
  }
  const trx = await db();
  await trx('send_assessments')
    .insert({ child_id: childId, stage: change.stage, key_dates: JSON.stringify(keyDates), updated_by_staff: staffId, updated_at: trx.fn.now() })
    .onConflict(['tenant_id', 'child_id'])
    .merge(['stage', 'key_dates', 'updated_by_staff', 'updated_at']);
  await audit('backoffice.child.stage-set', { subjectType: 'child', subjectId: childId, details: { from: before.set ? before.stage : null, stage: change.stage, keyDates } });
}
