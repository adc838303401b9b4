import type Router from '@koa/router';
import type Koa from 'koa';
import { staff } from '../../access/actor.js';
import { addressLocals, switchMode } from '../../accounts/registration/work-address.js';
import { formatNumber } from '../../i18n/numbers.js';
import { audit } from '../../platform/audit.js';
import { noErrors, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import { findChildAddress } from '../../people/child-address.js';
import { checkChildForm, childInput, GENDERS, hiddenFields, readChildForm, type ChildFormValues } from '../../people/child-form.js';
import { childDisplayName, createChild, formatChildAddress, formatDateOfBirth, type Child } from '../../people/children.js';
import type { DatePart } from '../../people/date-of-birth.js';
import { setNotice } from '../notices.js';
import { childSearchQuery, findSameChildInCouncil, searchChildren, searchUrl } from './child-search.js';
import { wrongBoxes } from './dates.js';
import { CHILDREN, childPath, renderSendPage, seeOther, sendStaff } from './page.js';

const NEW_CHILD = `${CHILDREN}/new`;

/** The new child's form as posted, and the button pressed. */
const createChildInput = childInput.extend({ action: text() });

/** A child as the council's lists show it. */
export function listedChild(child: Child) {
  return { id: child.id, href: childPath(child.id), name: childDisplayName(child), dateOfBirth: formatDateOfBirth(child), address: formatChildAddress(child), school: child.school ?? '' };
}

async function renderCreate(ctx: Koa.Context, values: ChildFormValues, errors: FormErrors = noErrors(), wrongDateParts: DatePart[] = []) {
  const t = ctx.state.t;
  renderSendPage(
    ctx,
    'create-child',
    t('backoffice-send.create.title'),
    {
      values,
      wrongDate: wrongBoxes(wrongDateParts),
      genders: GENDERS.map((value) => ({ value, text: t(`people.gender.${value}`) })),
      address: await addressLocals(ctx, values.address),
    },
    errors,
  );
}

/** Children and young people: the council-wide search, and "Create a child or young person". */
export function childrenRoutes(router: Router): void {
  router.get(CHILDREN, ...sendStaff(), async (ctx) => {
    const search = childSearchQuery.parse(ctx.query);
    const found = await searchChildren(search);
    const t = ctx.state.t;
    await audit(search.filter ? 'backoffice.children.searched' : 'backoffice.children.listed', {
      details: { filter: search.filter || undefined, after: search.after, before: search.before, total: found.total, more: found.more || undefined },
    });
    renderSendPage(ctx, 'children', t('backoffice-send.children.title'), {
      search,
      filtered: Boolean(search.filter),
      recordsFound: found.more
        ? t('backoffice-send.children.moreFound', { number: formatNumber(found.total, ctx.state.lang) })
        : t('backoffice-send.children.recordsFound', { count: found.total, number: formatNumber(found.total, ctx.state.lang) }),
      children: found.children.map(listedChild),
      pagination: found.next || found.previous ? { previous: found.previous && searchUrl(CHILDREN, search, found.previous), next: found.next && searchUrl(CHILDREN, search, found.next) } : undefined,
    });
  });

  router.get(NEW_CHILD, ...sendStaff(), async (ctx) => {
    await renderCreate(ctx, readChildForm(childInput.parse({})));
  });

  /** Find address, Enter address manually (and back), Create, or Create anyway after the duplicate warning. */
  router.post(NEW_CHILD, ...sendStaff(), async (ctx) => {
    const { action, ...input } = readForm(ctx, createChildInput);
    const values = readChildForm(input);
    if (action === 'find-address') {
      const errors = noErrors();
      values.address = await findChildAddress(ctx, errors, values.address);
      return renderCreate(ctx, values, errors);
    }
    if (action === 'manual-address' || action === 'find-mode') {
      values.address = switchMode(values.address, undefined, action === 'manual-address' ? 'manual' : 'find');
      return renderCreate(ctx, values);
    }
    const checked = await checkChildForm(ctx, values);
    values.address = checked.address;
    if (!checked.child) return renderCreate(ctx, values, checked.errors, checked.wrongDateParts);

    if (action !== 'create-anyway') {
      const same = await findSameChildInCouncil(checked.child.forename, checked.child.surname, checked.child.dateOfBirth);
      if (same.length) {
        await audit('backoffice.child.duplicate-warned', { subjectType: 'child', subjectId: same[0]!.id });
        return renderSendPage(ctx, 'duplicate-child', ctx.state.t('backoffice-send.duplicate.title'), { existing: same.map(listedChild), hidden: hiddenFields(values) });
      }
    }
    const child = await createChild(checked.child, { staffId: staff(ctx).id });
    setNotice(ctx, 'backoffice-send.notices.created', { name: `${child.forename} ${child.surname}` });
    seeOther(ctx, childPath(child.id));
  });
}
