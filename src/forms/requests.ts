import { db } from '../platform/db/unit-of-work.js';

/** The council asking a professional for a form about a child (table `form_requests`), and whether it has been answered. */

export interface NewRequest {
  formId: string;
  childId: string;
  accountId: string;
  staffId: string;
  /** YYYY-MM-DD */
  dueDate?: string;
  note?: string;
}

export async function createRequest(request: NewRequest): Promise<string> {
  const [row] = await (await db())('form_requests')
    .insert({ form_id: request.formId, child_id: request.childId, account_id: request.accountId, requested_by_staff: request.staffId, due_date: request.dueDate ?? null, note: request.note ?? null })
    .returning('id');
  return row.id;
}

/** Notes which inbox message carried the request. */
export async function attachMessage(requestId: string, messageId: string): Promise<void> {
  await (await db())('form_requests').where({ id: requestId }).update({ message_id: messageId });
}

export interface RequestAboutChild {
  id: string;
  formId: string;
  accountId: string;
  requestedAt: Date;
  /** YYYY-MM-DD */
  dueDate?: string;
  /** The submitted response answering it, if any. */
  responseId?: string;
}

/** The council's requests about a child, newest first, with whether each has been answered. */
export async function requestsAboutChild(childId: string): Promise<RequestAboutChild[]> {
  const trx = await db();
  const rows: { id: string; form_id: string; account_id: string; created_at: Date; due_date: string | null; response_id: string | null }[] = await trx('form_requests as r')
    .leftJoin('form_responses as f', (j) => j.on('f.tenant_id', 'r.tenant_id').andOn('f.request_id', 'r.id').andOn('f.version', '>', trx.raw('0')))
    .where('r.child_id', childId)
    .orderBy('r.created_at', 'desc')
    .select('r.id', 'r.form_id', 'r.account_id', 'r.created_at', trx.raw("to_char(r.due_date, 'YYYY-MM-DD') as due_date"), 'f.id as response_id');
  return rows.map((r) => ({ id: r.id, formId: r.form_id, accountId: r.account_id, requestedAt: r.created_at, dueDate: r.due_date ?? undefined, responseId: r.response_id ?? undefined }));
}
