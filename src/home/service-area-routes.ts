import Router from '@koa/router';
import { serviceArea } from '../access/guards.js';
import type { FormDefinitions } from '../forms/definitions.js';
import { localise } from '../i18n/index.js';
import { SERVICE_AREAS } from '../tenancy/services.js';

/**
 * The service areas without a home page of their own (Social Care, Early Help):
 * the forms the council enables for the area, each with Start (no Select
 * Person: these forms ask about the people on them), and the professional's
 * saved and submitted forms. Each is for active professionals only, behind the
 * second sign-in step where required.
 */
export function serviceAreaRoutes(deps: { library: Pick<FormDefinitions, 'get'> }): Router {
  const router = new Router();
  for (const area of SERVICE_AREAS.filter((a) => !a.ownHome)) {
    router.get(area.path, ...serviceArea(area.service), (ctx) => {
      const { lang } = ctx.state;
      const forms = ctx.state.tenant!.forms.flatMap((enabled) => {
        const form = enabled.service === area.service && enabled.start === 'professional' ? deps.library.get(enabled.form) : undefined;
        return form ? [{ id: form.id, title: localise(form.title, lang) }] : [];
      });
      ctx.render('home/area', {
        title: ctx.state.t(`${area.key}.title`),
        titleKey: `${area.key}.title`,
        descriptionKey: `${area.key}.description`,
        forms,
        savedHref: `/forms/saved#${area.service}`,
        submittedHref: '/forms/submitted',
      });
    });
  }
  return router;
}
