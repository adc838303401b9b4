import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { noErrors, parseForm, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { updateAccount } from '../queries/accounts.js';
import { GENDERS } from '../registration/three-step.js';
import { redirectWithNotice, renderSection } from './sections.js';


/** The form as posted, trimmed, to check and to show again. */
const input = z.object({ title: text(), forename: text(), surname: text(), gender: text() });
type Values = z.infer<typeof input>;

const key = (name: string) => `my-account.personalDetails.errors.${name}`;
const schema = z.object({
  title: z.string().min(1, key('titleMissing')).max(35, key('titleTooLong')),
  forename: z.string().min(1, key('forenameMissing')).max(100, key('forenameTooLong')),
  surname: z.string().min(1, key('surnameMissing')).max(100, key('surnameTooLong')),
  gender: z.enum(GENDERS, { error: key('genderMissing') }),
});

function show(ctx: Koa.Context, values: Values, errors: FormErrors = noErrors()) {
  const t = ctx.state.t;
  renderSection(ctx, 'personalDetails', 'personal-details', {
    values,
    errors,
    genderOptions: GENDERS.map((value) => ({ value, text: t(`my-account.personalDetails.genders.${value}`) })),
  });
}

export function personalDetailsRoutes(router: Router): void {
  router.get('/personal-details', (ctx) => {
    const account = ctx.state.account!;
    show(ctx, { title: account.title ?? '', forename: account.forename, surname: account.surname, gender: account.gender ?? '' });
  });

  router.post('/personal-details', async (ctx) => {
    const account = ctx.state.account!;
    const values = readForm(ctx, input);
    const { data, errors } = parseForm(ctx, schema, values);
    if (!data) return show(ctx, values, errors);
    const before = { title: account.title, forename: account.forename, surname: account.surname, gender: account.gender };
    const after = { title: data.title, forename: data.forename, surname: data.surname, gender: data.gender };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changed.length) {
      await updateAccount(account.id, after);
      await audit('account.personal-details-changed', { subjectType: 'account', subjectId: account.id, details: { changed } });
    }
    redirectWithNotice(ctx, '/my-account/personal-details', 'personalDetailsSaved');
  });
}
