import type Koa from 'koa';
import { longDate } from '../i18n/dates.js';
import { councilDocumentsOf } from '../uploads/service.js';
import { describeUploads, type ListedUpload } from '../uploads/present.js';

/**
 * Documents from the council: what the council's staff share with the professionals
 * linked to a child (the seed's "instant access to draft or final EHC plans and other
 * related documents"). Stored and scanned as uploads; described by one of these kinds,
 * or by what staff typed for "Another document".
 */
export const DOCUMENT_KINDS = ['draft-ehc-plan', 'final-ehc-plan', 'other'] as const;

/** The kinds as the page language reads them. */
export function documentKinds(ctx: Koa.Context): { value: string; text: string }[] {
  return DOCUMENT_KINDS.map((value) => ({ value, text: ctx.state.t(`forms.progress.documents.kinds.${value}`) }));
}

export interface SharedDocument extends ListedUpload {
  sharedOn: string;
}

/** The child's council documents: every one for staff, only clean ones (scanned, no virus) for professionals. */
export async function sharedDocuments(ctx: Koa.Context, childId: string, onlyClean: boolean): Promise<SharedDocument[]> {
  const rows = (await councilDocumentsOf(childId)).filter((d) => !onlyClean || d.status === 'clean');
  return describeUploads(rows, documentKinds(ctx)).map((d) => ({ ...d, sharedOn: longDate(new Date(d.created_at).toLocaleDateString('en-CA', { timeZone: 'Europe/London' }), ctx.state.lang) }));
}
