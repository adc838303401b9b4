import { privateFileHeaders } from '../../platform/http/download.js';
import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { localise } from '../../i18n/index.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import type { FormVersionRow } from '../../forms/responses.js';
import { audit } from '../../platform/audit.js';
import { childPath, pageNumber, pagination, renderSendPage, sendStaff, submissionPath, SUBMISSIONS } from './page.js';
import { submissionPdf } from './submission-pdf.js';
import { versionJson, versionView } from './submission-view.js';
import { findSubmission, listSubmissions, versionOf, type Submission } from './submissions.js';

declare module 'koa' {
  interface DefaultState {
    submission?: Submission;
  }
}

/** The list's page (anything but a positive whole number is page 1). */
const listQuery = z.object({ page: z.preprocess(pageNumber, z.number()) });
/** The submission's id in the URL, and the version asked for (none: the latest). */
const submissionParams = z.object({ responseId: z.guid() });
const versionParams = z.object({ version: z.string().optional() });

/** The council's submitted form from the URL; 404 for a draft, an unknown id or another council's. */
const withSubmission = (library: FormDefinitions): Koa.Middleware => async (ctx, next) => {
  const params = submissionParams.safeParse(ctx.params);
  const submission = params.success ? await findSubmission(library, params.data.responseId) : undefined;
  if (!submission) ctx.throw(404);
  ctx.state.submission = submission;
  await next();
};

/** The version in the URL (404 for one that does not exist), or the latest. */
function chosenVersion(ctx: Koa.Context): FormVersionRow {
  const submission = ctx.state.submission!;
  const { version: asked } = versionParams.parse(ctx.params);
  if (asked === undefined) return submission.versions.at(-1)!;
  const version = versionOf(submission, asked);
  if (!version) ctx.throw(404);
  return version;
}

const versionPath = (responseId: string, version: number) => `${submissionPath(responseId)}/versions/${version}`;

/** "professional-request-ehc-assessment-apple-august-v2" (ASCII, for a file name). */
function fileName(submission: Submission, version: number, extension: string): string {
  const name = `${submission.form.id}-${submission.child.surname}-${submission.child.forename}-v${version}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+/g, '-')
    .toLowerCase();
  return `${name}.${extension}`;
}

async function showVersion(ctx: Koa.Context) {
  const submission = ctx.state.submission!;
  const version = chosenVersion(ctx);
  const view = await versionView(ctx, submission, version);
  const id = submission.response.id;
  await audit('backoffice.submission.viewed', { subjectType: 'form_response', subjectId: id, details: { formId: submission.form.id, childId: submission.child.id, version: version.version } });
  renderSendPage(ctx, 'submission', view.formTitle, {
    view,
    child: { name: view.childName, href: childPath(submission.child.id) },
    latestHref: submissionPath(id),
    pdfHref: `${versionPath(id, version.version)}/pdf`,
    jsonHref: `${versionPath(id, version.version)}/json`,
    versions: [...submission.versions].reverse().map((v) => ({
      version: v.version,
      submittedAt: v.submitted_at,
      by: submission.people.get(v.submitted_by)?.name ?? '',
      reason: v.edit_reason,
      href: versionPath(id, v.version),
      current: v.version === version.version,
    })),
  });
}

export function submissionRoutes(router: Router, deps: { library: FormDefinitions }): void {
  const { library } = deps;
  /** Every submitted form of the council, newest first. */
  router.get(SUBMISSIONS, ...sendStaff(), async (ctx) => {
    const { t, lang } = ctx.state;
    const found = await listSubmissions(listQuery.parse(ctx.query).page);
    await audit('backoffice.submissions.listed', { details: { page: found.page, total: found.total } });
    renderSendPage(ctx, 'submissions', t('backoffice-send.submissions.title'), {
      total: found.total,
      lines: found.lines.map((l) => ({
        ...l,
        childName: `${l.childSurname}, ${l.childForename}`,
        childHref: childPath(l.childId),
        formTitle: localise(library.get(l.formId)?.title, lang) || l.formId,
        href: submissionPath(l.responseId),
      })),
      pagination: pagination(ctx, found.page, found.pages, (page) => (page > 1 ? `${SUBMISSIONS}?page=${page}` : SUBMISSIONS)),
    });
  });

  router.get(`${SUBMISSIONS}/:responseId`, ...sendStaff(), withSubmission(library), showVersion);
  router.get(`${SUBMISSIONS}/:responseId/versions/:version`, ...sendStaff(), withSubmission(library), showVersion);

  router.get(`${SUBMISSIONS}/:responseId/versions/:version/pdf`, ...sendStaff(), withSubmission(library), async (ctx) => {
    const submission = ctx.state.submission!;
    const version = chosenVersion(ctx);
    const view = await versionView(ctx, submission, version);
    await audit('backoffice.submission.downloaded', { subjectType: 'form_response', subjectId: submission.response.id, details: { format: 'pdf', version: version.version } });
    privateFileHeaders(ctx, `attachment; filename="${fileName(submission, version.version, 'pdf')}"`, 'application/pdf');
    ctx.body = submissionPdf(view, { t: ctx.state.t, lang: ctx.state.lang });
  });

  router.get(`${SUBMISSIONS}/:responseId/versions/:version/json`, ...sendStaff(), withSubmission(library), async (ctx) => {
    const submission = ctx.state.submission!;
    const version = chosenVersion(ctx);
    await audit('backoffice.submission.downloaded', { subjectType: 'form_response', subjectId: submission.response.id, details: { format: 'json', version: version.version } });
    privateFileHeaders(ctx, `attachment; filename="${fileName(submission, version.version, 'json')}"`, 'application/json');
    ctx.body = JSON.stringify(versionJson(submission, version), null, 2);
  });
}

