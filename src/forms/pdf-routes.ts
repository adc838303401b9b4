import { privateFileHeaders } from '../platform/http/download.js';
import type Router from '@koa/router';
import { fullName, professional } from '../access/actor.js';
import { localise } from '../i18n/index.js';
import { audit } from '../platform/audit.js';
import { formatDateTime } from '../platform/http/views.js';
import { formatSize } from '../uploads/present.js';
import type { FormRouteDeps } from './deps.js';
import { currentDocuments } from './pages.js';
import { textsOf } from './texts.js';
import { formPdf } from './pdf.js';
import { aboutName } from './response-scope.js';
import { canChange, scopeOf } from './scope.js';
import { versionsOf } from './responses.js';
import { summarise, workRoleSnapshot, type SummaryDocument, type WorkRoleSnapshot } from './summary.js';

/**
 * "Create PDF" for the professional: before submitting (what is saved now,
 * marked "Draft – not submitted" on every page), or the latest submitted
 * version (from Submitted Forms and the form's view). The same renderer as the
 * back office's PDF.
 */
export function pdfRoutes(router: Router, deps: FormRouteDeps): void {
  router.get('/forms/:responseId/pdf', ...deps.ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    const { response, form } = scope;
    const texts = textsOf(ctx);
    const { t, lang } = texts;
    const account = professional(ctx);
    const draft = canChange(ctx, scope);
    const latest = draft ? undefined : (await versionsOf(response.id)).at(-1);
    if (!draft && !latest) return ctx.throw(404);

    let answers = response.answers;
    let documents: SummaryDocument[];
    let workRole: WorkRoleSnapshot | undefined;
    if (latest) {
      answers = latest.answers;
      documents = latest.documents.map((d) => ({ ...d, status: 'submitted' }));
      workRole = latest.answers._workRole as WorkRoleSnapshot | undefined;
    } else {
      documents = await currentDocuments(deps, response.id);
      const role = response.work_role_id ? await deps.workRoles.one(account.id, response.work_role_id) : undefined;
      workRole = role ? workRoleSnapshot(role) : undefined;
    }

    const about = aboutName(scope, texts);
    const details: [string, string][] = [];
    if (about) details.push([t('forms.pdf.about'), about]);
    details.push([t('forms.pdf.professional'), `${fullName(account)} (${account.email})`]);
    if (workRole) details.push([t('forms.pdf.workRole'), `${workRole.role}, ${workRole.organisation}`]);
    details.push(latest ? [t('forms.pdf.submitted'), formatDateTime(latest.submitted_at, lang)] : [t('forms.pdf.started'), formatDateTime(new Date(response.created_at), lang)]);

    await audit('form.pdf', { subjectType: 'form_response', subjectId: response.id, details: { formId: form.id, version: latest?.version ?? null } });
    const formTitle = localise(form.title, lang);
    privateFileHeaders(ctx, `inline; filename="${form.id}${latest ? `-v${latest.version}` : '-draft'}.pdf"`, 'application/pdf');
    ctx.body = formPdf({
      lang,
      councilName: localise(ctx.state.tenant!.name, lang),
      formTitle,
      aboutName: about,
      banner: latest ? undefined : t('forms.pdf.draft'),
      details,
      sections: summarise(form, answers, { texts, documents, workRole, printed: true }),
      documents: {
        heading: t('forms.pdf.documents'),
        none: t('forms.pdf.noDocuments'),
        lines: documents.map((d) => ({
          name: d.fileName,
          line: [d.description, `${d.mediaType}, ${formatSize(d.size)}`, t(`forms.pdf.scan.${d.status ?? 'submitted'}`, { defaultValue: '' })].filter(Boolean).join(' – '),
        })),
      },
      pageOf: (page, pages) => t('forms.pdf.pageOf', { page, pages }),
    });
  });
}
