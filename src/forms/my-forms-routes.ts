import type Router from '@koa/router';
import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { activeProfessional } from '../access/guards.js';
import { localise } from '../i18n/index.js';
import { SERVICE_AREAS } from '../tenancy/services.js';
import { ukDateTime } from '../i18n/dates.js';
import { daysLeft } from './days-left.js';
import type { FormsDeps } from './deps.js';
import { highlightQuery, readInput } from './inputs.js';
import { enabledFor } from './response-scope.js';
import { draftsOf, submittedSince, type FormResponseRow } from './responses.js';
import { namesOf, subjectsOfResponses, type Subject } from './subjects.js';
import { listOfNames, textsOf } from './texts.js';
import { formPath } from './paths.js';

/**
 * The professional's own forms across the council's services: "Recover a form"
 * (drafts with the days left before they are deleted) and "Submitted Forms"
 * (what they submitted in the council's `retention.submittedListDays`).
 */

const DAY = 86_400_000;

interface Line {
  id: string;
  href: string;
  when: string;
  description: string;
  about: string;
  daysLeft?: number;
  pdfHref?: string;
  highlighted: boolean;
}

function lines(ctx: Koa.Context, deps: FormsDeps, rows: FormResponseRow[], subjects: Map<string, Subject[]>, line: (row: FormResponseRow) => Pick<Line, 'href' | 'when' | 'pdfHref'> & { daysLeft?: number }): Map<string, Line[]> {
  const byService = new Map<string, Line[]>();
  const highlighted = readInput(highlightQuery, ctx.query).form;
  for (const row of rows) {
    const enabled = enabledFor(ctx, row.form_id);
    const form = enabled && (deps.library.at(row.form_id, row.form_version) ?? deps.library.latest(row.form_id))?.definition;
    if (!enabled || !form) continue;
    const list = byService.get(enabled.service) ?? [];
    list.push({ id: row.id, description: localise(form.title, ctx.state.lang), about: listOfNames(namesOf(subjects.get(row.id) ?? []), textsOf(ctx)), highlighted: row.id === highlighted, ...line(row) });
    byService.set(enabled.service, list);
  }
  return byService;
}

/** The council's service areas with their lines, in the tiles' order. */
function sections(ctx: Koa.Context, byService: Map<string, Line[]>, headingKey: string) {
  return SERVICE_AREAS.filter((a) => ctx.state.tenant!.services.includes(a.service)).map((a) => ({
    id: a.service,
    heading: ctx.state.t(`forms.myForms.${headingKey}.${a.service}`),
    lines: byService.get(a.service) ?? [],
  }));
}

export function myFormsRoutes(router: Router, deps: FormsDeps): void {
  /** Recover a form: each saved (never submitted) form with its Start Date and Days Left, fewest days left first. */
  router.get('/forms/saved', ...activeProfessional(), async (ctx) => {
    const now = new Date();
    const drafts = (await draftsOf(professional(ctx).id)).filter((d) => d.draft_expires_at && daysLeft(new Date(d.draft_expires_at), now) > 0);
    const subjects = await subjectsOfResponses(drafts.map((d) => d.id));
    const byService = lines(ctx, deps, drafts, subjects, (row) => ({
      href: `${formPath(row.id)}/continue`,
      when: ukDateTime(new Date(row.created_at), ctx.state.lang),
      daysLeft: daysLeft(new Date(row.draft_expires_at!), now),
    }));
    for (const list of byService.values()) list.sort((a, b) => a.daysLeft! - b.daysLeft!);
    // The link of a "saved" or reminder email, for a form no longer here: submitted since, or deleted.
    const wanted = readInput(highlightQuery, ctx.query).form;
    const gone = wanted && ![...byService.values()].flat().some((l) => l.id === wanted);
    const draftDays = ctx.state.tenant!.retention.draftDays;
    ctx.set('Cache-Control', 'no-store');
    ctx.render('forms/saved-forms', { title: ctx.state.t('forms.myForms.saved.title'), sections: sections(ctx, byService, 'saved'), draftDays, gone: gone ? ctx.state.t('forms.myForms.saved.gone', { days: draftDays }) : '' });
  });

  /** Submitted Forms: what the professional submitted in the council's submittedListDays, newest first. */
  router.get('/forms/submitted', ...activeProfessional(), async (ctx) => {
    const days = ctx.state.tenant!.retention.submittedListDays;
    const rows = await submittedSince(professional(ctx).id, new Date(Date.now() - days * DAY));
    const subjects = await subjectsOfResponses(rows.map((r) => r.id));
    const byService = lines(ctx, deps, rows, subjects, (row) => ({ href: `${formPath(row.id)}/view`, pdfHref: `${formPath(row.id)}/pdf`, when: ukDateTime(new Date(row.submitted_at!), ctx.state.lang) }));
    ctx.set('Cache-Control', 'no-store');
    ctx.render('forms/submitted-forms', { title: ctx.state.t('forms.myForms.submitted.title'), sections: sections(ctx, byService, 'submitted'), days });
  });
}
