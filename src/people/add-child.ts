import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { formatAddress, fromAddressColumns } from '../accounts/addresses/format.js';
import { addressLocals, switchMode } from '../accounts/registration/work-address.js';
import { audit } from '../platform/audit.js';
import { addError, noErrors, readForm, text, type FormErrors } from '../platform/http/forms.js';
import { findChildAddress } from './child-address.js';
import { checkChildForm, childInput, GENDERS, hiddenFields, readChildForm, type ChildFormValues } from './child-form.js';
import { childDisplayName, createChild, findSameChild, formatChildAddress, formatDateOfBirth, type Child, type NewChild } from './children.js';
import type { DatePart } from './date-of-birth.js';
import { renderPeoplePage, seeOther } from './page.js';

/** The form as posted, the button pressed, and the answer to the duplicate question (an existing child's id, or new). */
const addChildInput = childInput.extend({ action: text(), duplicateChoice: text() });

/**
 * "Add child / young person": the details, the home address by postcode (or typed in),
 * a warning when this professional already has a child with the same name and date
 * of birth, then the new record (linked to them) and its confirmation page.
 */

/** The child's details form: adding a child, or (with `edit`) changing one's details. */
export async function renderChildForm(
  ctx: Koa.Context,
  values: ChildFormValues,
  errors: FormErrors = noErrors(),
  wrongDateParts: DatePart[] = [],
  edit?: { childId: string; name: string },
) {
  const t = ctx.state.t;
  renderPeoplePage(
    ctx,
    'add-child',
    edit ? 'people.edit.title' : 'people.add.title',
    {
      formAction: edit ? `/send/children/${edit.childId}/edit` : '/send/children/new',
      backHref: edit ? `/send/children/${edit.childId}` : '/send',
      backText: edit ? t('people.edit.back', { name: edit.name }) : t('people.add.back'),
      intro: edit ? t('people.edit.intro') : t('people.add.intro'),
      submitText: edit ? t('people.edit.save') : t('people.add.continue'),
      values,
      wrongDate: Object.fromEntries(wrongDateParts.map((p) => [p, true])),
      genders: GENDERS.map((value) => ({ value, text: t(`people.gender.${value}`) })),
      address: await addressLocals(ctx, values.address),
    },
    errors,
    edit ? { name: edit.name } : {},
  );
}

const renderAddChild = (ctx: Koa.Context, values: ChildFormValues, errors?: FormErrors, wrongDateParts?: DatePart[]) => renderChildForm(ctx, values, errors, wrongDateParts);

function renderDuplicate(ctx: Koa.Context, values: ChildFormValues, child: NewChild, same: Child[], errors: FormErrors = noErrors()) {
  const t = ctx.state.t;
  const lang = ctx.state.lang === 'cy' ? 'cy-GB' : 'en-GB';
  const added = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  renderPeoplePage(
    ctx,
    'duplicate',
    'people.duplicate.title',
    {
      typed: {
        name: childDisplayName(child),
        dateOfBirth: formatDateOfBirth({ date_of_birth: child.dateOfBirth }),
        address: formatAddress(fromAddressColumns(child.address)),
        school: child.school,
      },
      existing: same.map((c) => ({ name: childDisplayName(c), dateOfBirth: formatDateOfBirth(c), address: formatChildAddress(c), school: c.school })),
      hidden: hiddenFields(values),
      choices: [
        ...same.map((c) => ({ value: c.id, text: t('people.duplicate.useExisting', { name: childDisplayName(c), date: added.format(c.created_at) }) })),
        { value: 'new', text: t('people.duplicate.addAnyway'), hint: t('people.duplicate.addAnywayHint') },
      ],
      choice: readForm(ctx, addChildInput).duplicateChoice,
    },
    errors,
  );
}

/** GET /send/children/new */
export async function showAddChild(ctx: Koa.Context): Promise<void> {
  await renderAddChild(ctx, readChildForm(childInput.parse({})));
}

/** The answer to "You already have a child or young person with this name and date of birth". */
async function answerDuplicate(ctx: Koa.Context, values: ChildFormValues, child: NewChild, same: Child[]): Promise<'new' | void> {
  const choice = readForm(ctx, addChildInput).duplicateChoice;
  if (choice === 'new' || !same.length) return 'new';
  const existing = same.find((c) => c.id === choice);
  if (!existing) return renderDuplicate(ctx, values, child, same, addError(noErrors(), ctx, 'duplicateChoice', 'people.errors.duplicateChoice'));
  await audit('child.existing-chosen', { subjectType: 'child', subjectId: existing.id });
  seeOther(ctx, `/send/children/${existing.id}/confirm`);
}

/** POST /send/children/new: Find address, Enter address manually (and back), Continue, or the duplicate answer. */
export async function postAddChild(ctx: Koa.Context): Promise<void> {
  const { action, ...input } = readForm(ctx, addChildInput);
  const values = readChildForm(input);
  if (action === 'find-address') {
    const errors = noErrors();
    values.address = await findChildAddress(ctx, errors, values.address);
    return renderAddChild(ctx, values, errors);
  }
  if (action === 'manual-address' || action === 'find-mode') {
    values.address = switchMode(values.address, undefined, action === 'manual-address' ? 'manual' : 'find');
    return renderAddChild(ctx, values);
  }
  const checked = await checkChildForm(ctx, values);
  values.address = checked.address;
  if (!checked.child) return renderAddChild(ctx, values, checked.errors, checked.wrongDateParts);

  const accountId = professional(ctx).id;
  const same = await findSameChild(accountId, checked.child.forename, checked.child.surname, checked.child.dateOfBirth);
  if (action === 'duplicate') {
    if ((await answerDuplicate(ctx, values, checked.child, same)) !== 'new') return;
  } else if (same.length) {
    await audit('child.duplicate-warned', { subjectType: 'child', subjectId: same[0]!.id });
    return renderDuplicate(ctx, values, checked.child, same);
  }
  const child = await createChild(checked.child, { accountId });
  seeOther(ctx, `/send/children/${child.id}/confirm`);
}
