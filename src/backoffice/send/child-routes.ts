import type Router from '@koa/router';
import type Koa from 'koa';
import { staff } from '../../access/actor.js';
import { localise } from '../../i18n/index.js';
import { longDate } from '../../i18n/dates.js';
import type { FormDefinitions } from '../../forms/definitions.js';
import { audit } from '../../platform/audit.js';
import { z } from 'zod';
import { addError, noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { BrokenUpload } from '../../uploads/receive.js';
import { receiveCouncilDocument, type UploadDeps } from '../../uploads/service.js';
import { documentKinds } from '../../send/council-documents.js';
import { childDisplayName, findChild, formatChildAddress, formatDateOfBirth, type Child } from '../../people/children.js';
import { setNotice, takeNotice } from '../notices.js';
import { requestableForms, requestsAboutChild } from './advice-requests.js';
import { readAssessment } from '../../send/assessment.js';
import { CHILDREN, childPath, renderSendPage, seeOther, sendStaff, submissionPath } from './page.js';
import { activeProfessional, findProfessionals, linkedProfessionals, linkProfessional, unlinkProfessional } from './professionals.js';
import { sharedDocumentsView } from './shared-documents.js';
import { submissionsForChild } from './submissions.js';

declare module 'koa' {
  interface DefaultState {
    /** The child a /backoffice/send/children/:childId page is about. */
    backofficeChild?: Child;
  }
}

/** "Link a professional": the search (a longer one is cut), and the professional chosen. */
const searchQuery = z.object({ q: text(z.string().transform((q) => q.slice(0, 200))) });
const linkInput = z.object({ accountId: text() });
/** The child's id in the URL, and a linked professional's. */
const childParams = z.object({ childId: z.guid() });
const professionalParams = z.object({ accountId: z.guid() });

/** The council's child from the URL; 404 for an unknown id (or another council's: row-level security hides it). */
export const withChild: Koa.Middleware = async (ctx, next) => {
  const params = childParams.safeParse(ctx.params);
  const child = params.success ? await findChild(params.data.childId) : undefined;
  if (!child) ctx.throw(404);
  ctx.state.backofficeChild = child;
  await next();
};

export const childOf = (ctx: Koa.Context): Child => ctx.state.backofficeChild!;
export const childName = (child: Child) => `${child.forename} ${child.surname}`;

/** The key dates the council has set, in the order of its configuration, with their stage. */
function keyDatesOf(ctx: Koa.Context, keyDates: Record<string, string>) {
  const { t, lang } = ctx.state;
  return (ctx.state.tenant!.send?.keyDates ?? [])
    .filter((d) => keyDates[d.id])
    .map((d) => ({ label: localise(d.label, lang), stage: t(`backoffice-send.stages.${d.stage}`), value: longDate(keyDates[d.id]!, lang) }));
}

/** What staff typed in "Share a document" when it was refused, with the problems by field. */
interface DocumentForm {
  values: { description: string; otherDescription: string };
  errors: FormErrors;
}

async function renderChildPage(ctx: Koa.Context, library: FormDefinitions, child: Child, documentForm?: DocumentForm) {
  const { t, lang } = ctx.state;
  const assessment = await readAssessment(child.id);
  const professionals = await linkedProfessionals(child.id);
  const requests = await requestsAboutChild(library, child.id, lang);
  const submissions = await submissionsForChild(child.id);
  renderSendPage(ctx, 'child', childName(child), {
    notice: takeNotice(ctx),
    child: {
      id: child.id,
      href: childPath(child.id),
      dateOfBirth: formatDateOfBirth(child),
      gender: child.gender ? t(`people.gender.${child.gender}`) : '',
      address: formatChildAddress(child),
      school: child.school ?? '',
      createdBy: t(child.created_by_staff ? 'backoffice-send.child.createdByCouncil' : 'backoffice-send.child.createdByProfessional'),
    },
    stage: { name: t(`backoffice-send.stages.${assessment.stage}`), set: assessment.set, keyDates: keyDatesOf(ctx, assessment.keyDates) },
    professionals: professionals.map((p) => ({
      ...p,
      sourceText: t(`backoffice-send.child.source.${p.source}`),
      canUnlink: p.source === 'council',
      unlinkAction: `${childPath(child.id)}/professionals/${p.accountId}/unlink`,
    })),
    requests: requests.map((r) => ({ ...r, dueText: r.dueDate ? longDate(r.dueDate, lang) : '', responseHref: r.responseId ? submissionPath(r.responseId) : undefined })),
    submissions: submissions.map((s) => ({ ...s, formTitle: localise(library.get(s.formId)?.title, lang) || s.formId, href: submissionPath(s.responseId) })),
    canRequest: requestableForms(ctx, library).length > 0,
    documents: await sharedDocumentsView(ctx, child.id),
    documentKinds: documentKinds(ctx),
    documentValues: documentForm?.values ?? {},
    documentsAction: `${childPath(child.id)}/documents?_csrf=${encodeURIComponent(String(ctx.state.csrfToken ?? ''))}`,
  }, documentForm?.errors);
}

/** A child's page, and linking professionals to the child. */
export function childRoutes(router: Router, deps: { library: FormDefinitions } & UploadDeps): void {
  const child = `${CHILDREN}/:childId`;

  /** "Share a document" with the professionals linked to the child: received, checked and scanned like every upload. */
  router.post(`${child}/documents`, ...sendStaff(), withChild, async (ctx) => {
    const found = childOf(ctx);
    if (!ctx.is('multipart') || ctx.req.readableEnded) return ctx.throw(400, 'Not a multipart upload', { expose: false });
    let result;
    try {
      result = await receiveCouncilDocument({ req: ctx.req, headers: ctx.headers }, { tenantId: ctx.state.tenant!.id, childId: found.id, staffId: staff(ctx).id }, deps);
    } catch (err) {
      if (err instanceof BrokenUpload) return ctx.throw(400, 'Broken multipart upload', { expose: false });
      throw err;
    }
    if (!result.upload) {
      const errors = noErrors();
      for (const name of ['description', 'otherDescription', 'file'] as const) {
        const key = result.errors?.[name];
        if (key) addError(errors, ctx, name, key === 'uploads.errors.descriptionMissing' ? 'backoffice-send.documents.kindMissing' : key);
      }
      return renderChildPage(ctx, deps.library, found, { values: result.values, errors });
    }
    setNotice(ctx, 'backoffice-send.documents.shared', { name: result.upload.file_name, child: childName(found) });
    seeOther(ctx, childPath(found.id));
  });

  router.get(child, ...sendStaff(), async (ctx, next) => {
    // Other pages live under /children/ too ("new"): only an id is a child's page.
    if (ctx.params.childId === 'new') return next();
    await withChild(ctx, async () => {
      const found = childOf(ctx);
      await audit('backoffice.child.viewed', { subjectType: 'child', subjectId: found.id });
      await renderChildPage(ctx, deps.library, found);
    });
  });

  /** "Link a professional": search the council's active professionals by email address or name. */
  router.get(`${child}/professionals`, ...sendStaff(), withChild, async (ctx) => {
    const found = childOf(ctx);
    const { q: query } = searchQuery.parse(ctx.query);
    const linked = new Set((await linkedProfessionals(found.id)).map((p) => p.accountId));
    const results = query ? await findProfessionals(query) : [];
    if (query) await audit('backoffice.professionals.searched', { subjectType: 'child', subjectId: found.id, details: { query, found: results.length } });
    renderSendPage(ctx, 'link-professional', ctx.state.t('backoffice-send.link.title'), {
      child: { id: found.id, name: childName(found), displayName: childDisplayName(found), href: childPath(found.id) },
      query,
      searched: Boolean(query),
      results: results.map((p) => ({ ...p, linked: linked.has(p.accountId) })),
      action: `${childPath(found.id)}/professionals`,
    });
  });

  router.post(`${child}/professionals`, ...sendStaff(), withChild, async (ctx) => {
    const found = childOf(ctx);
    const professional = await activeProfessional({ id: readForm(ctx, linkInput).accountId });
    if (!professional) return ctx.throw(404);
    await linkProfessional(found, professional, staff(ctx).id);
    setNotice(ctx, 'backoffice-send.notices.linked', { name: professional.name, child: childName(found) });
    seeOther(ctx, childPath(found.id));
  });

  router.post(`${child}/professionals/:accountId/unlink`, ...sendStaff(), withChild, async (ctx) => {
    const found = childOf(ctx);
    const params = professionalParams.safeParse(ctx.params);
    const linked = params.success ? (await linkedProfessionals(found.id)).find((p) => p.accountId === params.data.accountId) : undefined;
    if (!linked || !(await unlinkProfessional(found, linked.accountId))) return ctx.throw(404);
    setNotice(ctx, found.created_by_account === linked.accountId ? 'backoffice-send.notices.unlinkedOwnKept' : 'backoffice-send.notices.unlinked', { name: linked.name, child: childName(found) });
    seeOther(ctx, childPath(found.id));
  });
}
