import { attachment, sendPrivateFile } from '../platform/http/download.js';
import type Router from '@koa/router';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import { professional } from '../access/actor.js';
import { activeProfessional, twoStepForServices } from '../access/guards.js';
import { authorize, can, type UploadSubject } from '../access/policies.js';
import { safeReturnTo } from '../access/sign-in-session.js';
import { audit } from '../platform/audit.js';
import { openUpload, QUESTION_ID, receiveUpload, removeUpload, uploadById, type UploadRow } from '../uploads/service.js';
import { BrokenUpload, ControlCharacters, UploadTooLarge } from '../uploads/receive.js';
import { refusal } from '../platform/http/body.js';
import { rememberFeedback } from '../uploads/view.js';
import type { FormsDeps } from './deps.js';
import { readInput, removeInput, uploadQuery } from './inputs.js';
import { editInProgress } from './scope.js';
import { findOwnResponse, findResponse, inSubmittedVersion, type FormResponseRow } from './responses.js';

/** Back to the page the form was on (a path on this site), or home. */
const backTo = (value: unknown) => safeReturnTo(value) ?? '/';

/** The professional's own response, if its form still takes documents (a draft, or an edit in progress). */
async function openResponse(ctx: Koa.Context, deps: FormsDeps, responseId: unknown): Promise<FormResponseRow | undefined> {
  const response = await findOwnResponse(professional(ctx).id, responseId);
  const form = response && (await deps.library.of(response));
  if (!response || !form) return undefined;
  const subject = { accountId: response.account_id, status: response.status, editing: !!editInProgress(response.answers), service: form.service };
  return can(ctx.state.actor, 'changeResponse', subject) ? response : undefined;
}

const upload = (deps: FormsDeps) => async (ctx: Koa.Context) => {
  const query = readInput(uploadQuery, ctx.query);
  const { response: responseId, question: questionId } = query;
  const response = await openResponse(ctx, deps, responseId);
  if (!response || !QUESTION_ID.test(questionId)) return ctx.throw(404);
  // Anything but multipart was read by the body parser already (or is not a file upload at all).
  if (!ctx.is('multipart') || ctx.req.readableEnded) return ctx.throw(400, 'Not a multipart upload', { expose: false });
  const target = { tenantId: ctx.state.tenant!.id, responseId: response.id, questionId, accountId: response.account_id };
  let result;
  try {
    result = await receiveUpload({ req: ctx.req, headers: ctx.headers }, target, deps, async () => (await openResponse(ctx, deps, response.id)) !== undefined);
  } catch (err) {
    if (err instanceof BrokenUpload) return ctx.throw(400, 'Broken multipart upload', { expose: false, reason: err.message });
    if (err instanceof UploadTooLarge) throw refusal(413, 'upload over 10 MiB');
    if (err instanceof ControlCharacters) throw refusal(400, err.message, 'controlCharacters');
    throw err;
  }
  // `back` travels as a form field (or in the query); read after the body.
  const back = backTo(query.back ?? result.back);
  rememberFeedback(ctx, {
    responseId,
    questionId,
    errors: result.errors,
    values: result.upload ? undefined : result.values,
    uploaded: result.upload ? { fileName: result.upload.file_name, status: result.upload.status } : undefined,
  });
  ctx.status = 303;
  ctx.redirect(`${back}#${questionId}-uploads`);
};

const remove = (deps: FormsDeps) => async (ctx: Koa.Context) => {
  const back = backTo(readInput(removeInput, ctx.request.body).back);
  const row = await uploadById(ctx.params.id);
  const response = row?.response_id && !row.deleted_at ? await openResponse(ctx, deps, row.response_id) : undefined;
  if (!row || !response) return ctx.throw(404);
  const keepBytes = await inSubmittedVersion(response.id, row.id);
  const removed = await removeUpload(ctx.state.tenant!.id, response.id, row.id, deps, keepBytes);
  if (!removed) return ctx.throw(404);
  rememberFeedback(ctx, { responseId: response.id, questionId: removed.question_id ?? '', deleted: removed.file_name });
  ctx.status = 303;
  ctx.redirect(`${back}#${removed.question_id ?? ''}-uploads`);
};

/** A document as the download policy sees it. */
async function uploadSubject(deps: FormsDeps, row: UploadRow): Promise<UploadSubject | undefined> {
  const response = row.response_id ? await findResponse(row.response_id) : undefined;
  const form = response && (await deps.library.of(response));
  if (!response || !form) return undefined;
  const submitted = response.version > 0 && (!row.deleted_at || (await inSubmittedVersion(response.id, row.id)));
  return { ownerId: response.account_id, deleted: !!row.deleted_at, submitted, service: form.service };
}

const download = (deps: FormsDeps) => async (ctx: Koa.Context) => {
  const row = await uploadById(ctx.params.id);
  const subject = row?.status === 'clean' ? await uploadSubject(deps, row) : undefined;
  if (!row || !subject) return ctx.throw(404);
  authorize(ctx.state.actor, 'downloadUpload', subject);
  await audit('upload.downloaded', { subjectType: 'upload', subjectId: row.id, details: { responseId: row.response_id, fileName: row.file_name } });
  // Opened before anything is sent: a file missing from storage is a 404 (and the audit entry is rolled back).
  const stream = await openUpload(row, deps);
  if (!stream) return ctx.throw(404);
  sendPrivateFile(ctx, { disposition: attachment(row.file_name), type: row.media_type, length: Number(row.size), body: stream });
};

/** The council's staff, or an active professional past the second step where required; anyone else signs in. */
const staffOrProfessional: Middleware = async (ctx, next) => {
  if (ctx.state.actor?.kind === 'staff') return next();
  const [first, active] = activeProfessional();
  return first!(ctx, () => active!(ctx, () => twoStepForServices()(ctx, next)));
};

/**
 * Documents of forms: POST /uploads (multipart, CSRF token in the query) takes
 * one file for a question of the professional's own open form, then goes back to
 * the page it came from; POST /uploads/:id/delete removes one while the form is
 * being worked on; GET /uploads/:id/download for the owner or, once submitted,
 * the council's staff for that service.
 */
export function documentRoutes(router: Router, deps: FormsDeps): void {
  router.post('/uploads', ...activeProfessional(), upload(deps));
  router.post('/uploads/:id/delete', ...activeProfessional(), remove(deps));
  router.get('/uploads/:id/download', staffOrProfessional, download(deps));
}
