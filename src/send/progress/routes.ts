import Router from '@koa/router';
import { professional } from '../../access/actor.js';
import { runChain, serviceArea } from '../../access/guards.js';
import type { FormLibrary } from '../../forms/library.js';
import { audit } from '../../platform/audit.js';
import { takeNotice } from '../../access/notices.js';
import { longDate } from '../../forms/dates.js';
import { findChildForProfessional, isId } from '../../people/children.js';
import { progressOf } from './progress.js';

/** The Statutory Assessment Progress page of a child linked to the professional. */
export function progressRoutes(deps: { library: FormLibrary }): Router {
  const router = new Router();
  router.get('/send/children/:childId', async (ctx, next) => {
    // Other pages live under /send/children/ too (e.g. "new"): only an id is a child's page.
    if (!isId(ctx.params.childId)) return next();
    await runChain(ctx, serviceArea('send'), async () => {
      const child = await findChildForProfessional(professional(ctx).id, ctx.params.childId!);
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
      });
    });
  });
  return router;
}
