import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { authorize } from '../../access/policies.js';
import { audit } from '../../platform/audit.js';
import { attachment, sendPrivateFile } from '../../platform/http/download.js';
import { councilDocumentOf, openUpload, removeCouncilDocument, type UploadDeps, type UploadRow } from '../../uploads/service.js';
import { setNotice } from '../notices.js';
import { childName, childOf, withChild } from './child-routes.js';
import { CHILDREN, childPath, renderSendPage, seeOther, sendStaff } from './page.js';
import { documentPath, sharedDocumentsView } from './shared-documents.js';

const documentParams = z.object({ documentId: z.guid() });

/** The child's council document from the URL, for staff of the service allowed to handle it; 404 otherwise. */
async function documentOf(ctx: Koa.Context): Promise<UploadRow> {
  const params = documentParams.safeParse(ctx.params);
  const row = params.success ? await councilDocumentOf(childOf(ctx).id, params.data.documentId) : undefined;
  if (!row) return ctx.throw(404);
  authorize(ctx.state.actor, 'handleCouncilDocument', { deleted: Boolean(row.deleted_at), service: 'send' });
  return row;
}

/**
 * The documents the council shared about a child, for its SEND officers: re-open one
 * (clean files only, each download audited), and remove one shared by mistake after
 * a confirmation page (audited; its bytes go after the commit).
 */
export function councilDocumentRoutes(router: Router, deps: Pick<UploadDeps, 'storage'>): void {
  const document = `${CHILDREN}/:childId/documents/:documentId`;

  router.get(`${document}/download`, ...sendStaff(), withChild, async (ctx) => {
    const row = await documentOf(ctx);
    if (row.status !== 'clean') return ctx.throw(404);
    await audit('council-document.downloaded', { subjectType: 'upload', subjectId: row.id, details: { childId: row.child_id, fileName: row.file_name, byStaff: true } });
    // Opened before anything is sent: a file missing from storage is a 404 (and the audit entry is rolled back).
    const stream = await openUpload(row, deps);
    if (!stream) return ctx.throw(404);
    sendPrivateFile(ctx, { disposition: attachment(row.file_name), type: row.media_type, length: Number(row.size), body: stream });
  });

  router.get(`${document}/remove`, ...sendStaff(), withChild, async (ctx) => {
    const child = childOf(ctx);
    const row = await documentOf(ctx);
    const [listed] = (await sharedDocumentsView(ctx, child.id)).filter((d) => d.id === row.id);
    if (!listed) return ctx.throw(404);
    renderSendPage(ctx, 'remove-document', ctx.state.t('backoffice-send.documents.remove.title', { name: row.file_name }), {
      child: { name: childName(child), href: childPath(child.id) },
      document: listed,
      action: `${documentPath(child.id, row.id)}/remove`,
    });
  });

  router.post(`${document}/remove`, ...sendStaff(), withChild, async (ctx) => {
    const child = childOf(ctx);
    const row = await documentOf(ctx);
    const removed = await removeCouncilDocument(ctx.state.tenant!.id, child.id, row.id, deps);
    if (!removed) return ctx.throw(404);
    setNotice(ctx, 'backoffice-send.documents.removed', { name: removed.file_name });
    seeOther(ctx, childPath(child.id));
  });
}
