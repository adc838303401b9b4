import { attachment, sendPrivateFile } from '../../platform/http/download.js';
import Router from '@koa/router';
import { z } from 'zod';
import { professional } from '../../access/actor.js';
import { runChain, serviceArea } from '../../access/guards.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import { audit } from '../../platform/audit.js';
import { takeNotice } from '../../access/notices.js';
import { longDate } from '../../i18n/dates.js';
import { findChildForProfessional, isId } from '../../people/children.js';
import { progressOf } from './progress.js';
import { sharedDocuments } from '../council-documents.js';
import { openUpload, uploadById } from '../../uploads/service.js';
import type { Storage } from '../../platform/storage/storage.js';

/** A child's id in the URL (and a document's): anything else is another page, or not found. */
const childParams = z.object({ childId: z.custom<string>(isId) });
const documentParams = childParams.extend({ documentId: z.custom<string>(isId) });

/** The Statutory Assessment Progress page of a child linked to the professional. */
export function progressRoutes(deps: { library: FormDefinitions; storage: Storage }): Router {
  const router = new Router();
  router.get('/send/children/:childId', async (ctx, next) => {
    // Other pages live under /send/children/ too (e.g. "new"): only an id is a child's page.
    const params = childParams.safeParse(ctx.params);
    if (!params.success) return next();
    await runChain(ctx, serviceArea('send'), async () => {
      const child = await findChildForProfessional(professional(ctx).id, params.data.childId);
      if (!child) return ctx.throw(404);
      const name = `${child.forename} ${child.surname}`;
      await audit('child.progress-viewed', { subjectType: 'child', subjectId: child.id });
      ctx.render('send/progress/progress', {
        title: `${ctx.state.t('forms.progress.title')} – ${name}`,
        childName: name,
        dateOfBirth: longDate(child.date_of_birth, ctx.state.lang),
        childId: child.id,
        notice: takeNotice(ctx, 'people'),
        ...(await progressOf(ctx, deps.library, child)),
        documents: (await sharedDocuments(ctx, child.id, true)).map((d) => ({ ...d, href: `/send/children/${child.id}/documents/${d.id}` })),
      });
    });
  });

  /** A document from the council, for a professional linked to the child; each download audited. */
  router.get('/send/children/:childId/documents/:documentId', ...serviceArea('send'), async (ctx) => {
    const params = documentParams.safeParse(ctx.params);
    const child = params.success ? await findChildForProfessional(professional(ctx).id, params.data.childId) : undefined;
    const row = child && params.success ? await uploadById(params.data.documentId) : undefined;
    if (!child || !row || row.child_id !== child.id || row.status !== 'clean' || row.deleted_at) return ctx.throw(404);
    await audit('council-document.downloaded', { subjectType: 'upload', subjectId: row.id, details: { childId: child.id, fileName: row.file_name } });
    const stream = await openUpload(row, deps);
    if (!stream) return ctx.throw(404);
    sendPrivateFile(ctx, { disposition: attachment(row.file_name), type: row.media_type, length: Number(row.size), body: stream });
  });
  return router;
}
