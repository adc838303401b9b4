import { open } from 'node:fs/promises';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import { requireAccount, safeReturnTo } from '../accounts/session-auth.js';
import { audit } from '../platform/audit.js';
import { field } from '../platform/http/forms.js';
import { requireTwoStepForServices } from '../send/two-step-gate.js';
import { deleteUpload, downloadableUpload, ownUpload, receiveUpload } from './service.js';
import { currentUploadSettings } from './settings.js';
import { storedPath } from './storage.js';
import { rememberFeedback } from './view.js';

/** An active professional, past the second sign-in step where the council requires it for services. */
const professional: Middleware[] = [
  requireAccount('professional'),
  async (ctx, next) => {
    if (ctx.state.account!.status !== 'active') ctx.throw(404);
    await next();
  },
  requireTwoStepForServices(),
];

/** Back to the page the form was on (a path on this site), or home. */
const backTo = (value: unknown) => safeReturnTo(value) ?? '/';

/** `filename*` (RFC 6266/5987) for any name, and a plain ASCII `filename` for old clients. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

async function upload(ctx: Koa.Context) {
  const responseId = String(ctx.query.response ?? '');
  const questionId = String(ctx.query.question ?? '');
  const result = await receiveUpload(ctx, { responseId, questionId });
  // `back` travels as a form field (or in the query); read after the body.
  const back = backTo(ctx.query.back ?? result.back);
  rememberFeedback(ctx, {
    responseId,
    questionId,
    errors: result.errors,
    values: result.upload ? undefined : result.values,
    uploaded: result.upload ? { fileName: result.upload.file_name, status: result.upload.status } : undefined,
  });
  ctx.status = 303;
  ctx.redirect(`${back}#${questionId}-uploads`);
}

async function remove(ctx: Koa.Context) {
  const id = ctx.params.id!;
  const back = backTo(field(ctx.request.body, 'back'));
  const account = ctx.state.account!;
  const row = await ownUpload(account.id, id);
  if (!row?.response_id) ctx.throw(404);
  const deleted = await deleteUpload(row.response_id, id);
  if (!deleted) ctx.throw(404);
  rememberFeedback(ctx, { responseId: deleted.response_id!, questionId: deleted.question_id ?? '', deleted: deleted.file_name });
  ctx.status = 303;
  ctx.redirect(`${back}#${deleted.question_id ?? ''}-uploads`);
}

async function download(ctx: Koa.Context) {
  const account = ctx.state.account!;
  const row = await downloadableUpload(account, ctx.params.id!);
  if (!row) ctx.throw(404);
  await audit('upload.downloaded', { subjectType: 'upload', subjectId: row.id, details: { responseId: row.response_id, fileName: row.file_name } });
  // Opened before anything is sent: a file missing from storage is a 404 (and the request's transaction, with the audit entry, is rolled back).
  const file = await open(storedPath(currentUploadSettings(), row.tenant_id, row.storage_key)).catch(() => ctx.throw(404));
  ctx.set('Content-Disposition', attachment(row.file_name));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'no-store');
  ctx.type = row.media_type;
  ctx.length = Number(row.size);
  ctx.body = file.createReadStream();
}

/** The council's staff, or a professional as for uploads; anyone else is sent to sign in. */
const staffOrProfessional: Middleware = async (ctx, next) => {
  const account = ctx.state.account;
  if (account?.kind === 'staff') return next();
  if (!account) return requireAccount('professional')(ctx, next);
  if (account.status !== 'active') ctx.throw(404);
  return requireTwoStepForServices()(ctx, next);
};

/**
 * Documents for forms: POST /uploads (multipart, CSRF token in the query) streams,
 * checks and scans one file, then goes back to the page it came from;
 * GET /uploads/:id/download for the owner or, once submitted, the council's staff;
 * POST /uploads/:id/delete for the owner while the form is being worked on.
 */
export function uploadRoutes(): Router {
  const router = new Router();
  router.post('/uploads', ...professional, upload);
  router.post('/uploads/:id/delete', ...professional, remove);
  router.get('/uploads/:id/download', staffOrProfessional, download);
  return router;
}
