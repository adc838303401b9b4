import type Koa from 'koa';
import { accountNames } from '../../accounts/directory.js';
import { sharedDocuments } from '../../send/council-documents.js';
import type { UploadRow } from '../../uploads/service.js';
import { childPath } from './page.js';

const STATUS_TAG: Record<UploadRow['status'], string> = { receiving: 'govuk-tag--grey', pending: 'govuk-tag--yellow', clean: 'govuk-tag--green', infected: 'govuk-tag--red' };

export const documentPath = (childId: string, documentId: string) => `${childPath(childId)}/documents/${documentId}`;

/** "Documents shared with professionals" on the child's page: what each row shows, with its links. */
export async function sharedDocumentsView(ctx: Koa.Context, childId: string) {
  const { t } = ctx.state;
  const documents = await sharedDocuments(ctx, childId, false);
  const names = await accountNames(documents.map((d) => d.staff_id).filter((id): id is string => Boolean(id)));
  return documents.map((d) => ({
    id: d.id,
    fileName: d.file_name,
    description: d.description_text,
    typeAndSize: `${d.file_type}, ${d.size_text}`,
    sharedOn: d.sharedOn,
    sharedBy: (d.staff_id && names.get(d.staff_id)) || t('backoffice-send.documents.sharedByUnknown'),
    statusText: t(`backoffice-send.documents.status.${d.status}`),
    statusTag: STATUS_TAG[d.status],
    downloadHref: d.status === 'clean' ? `${documentPath(childId, d.id)}/download` : undefined,
    removeHref: `${documentPath(childId, d.id)}/remove`,
  }));
}
