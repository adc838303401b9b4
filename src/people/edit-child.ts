import type Koa from 'koa';
import { z } from 'zod';
import { professional } from '../access/actor.js';
import { switchMode } from '../accounts/registration/work-address.js';
import { noErrors, readForm, text } from '../platform/http/forms.js';
import { renderChildForm } from './add-child.js';
import { findChildAddress } from './child-address.js';
import { checkChildForm, childInput, readChildForm, type ChildFormValues } from './child-form.js';
import { childDisplayName, findChildForProfessional, updateChild, type Child } from './children.js';
import { seeOther } from './page.js';
import { setNotice } from './select-person.js';

/** The form as posted, and the button pressed. */
const editChildInput = childInput.extend({ action: text() });
/** The child's id in the URL. */
const childParams = z.object({ childId: z.guid() });

/**
 * "Update details": a professional linked to a child corrects their name, date of birth,
 * gender, home address or school. The record is the council's too, so the council's
 * view changes with it; every change is audited with its old and new values.
 */

/** The child, only when linked to this professional; 404 otherwise. */
async function linkedChild(ctx: Koa.Context): Promise<Child> {
  const params = childParams.safeParse(ctx.params);
  const child = params.success ? await findChildForProfessional(professional(ctx).id, params.data.childId) : undefined;
  if (!child) ctx.throw(404);
  return child;
}

/** The form filled from the record: the address as it was found (postcode and choice) or as typed. */
function valuesOf(child: Child): ChildFormValues {
  const [year, month, day] = child.date_of_birth.split('-');
  const manual = {
    houseNumber: child.house_number ?? '',
    houseName: child.house_name ?? '',
    buildingName: child.building_name ?? '',
    street: child.street ?? '',
    district: child.district ?? '',
    town: child.town ?? '',
    county: child.county ?? '',
    postcode: child.postcode ?? '',
    country: child.country ?? '',
  };
  return {
    forename: child.forename,
    surname: child.surname,
    dateOfBirth: { day: String(Number(day)), month: String(Number(month)), year: year ?? '' },
    gender: child.gender ?? '',
    school: child.school ?? '',
    address:
      child.uprn && child.postcode
        ? { addressMode: 'find', postcode: child.postcode, searched: child.postcode, uprn: String(child.uprn) }
        : { addressMode: 'manual', postcode: child.postcode ?? '', manual },
  };
}

const editOf = (child: Child) => ({ childId: child.id, name: childDisplayName(child) });

/** GET /send/children/:childId/edit */
export async function showEditChild(ctx: Koa.Context): Promise<void> {
  const child = await linkedChild(ctx);
  await renderChildForm(ctx, valuesOf(child), noErrors(), [], editOf(child));
}

/** POST /send/children/:childId/edit: Find address, Enter address manually (and back), or Save changes. */
export async function postEditChild(ctx: Koa.Context): Promise<void> {
  const child = await linkedChild(ctx);
  const { action, ...input } = readForm(ctx, editChildInput);
  const values = readChildForm(input);
  if (action === 'find-address') {
    const errors = noErrors();
    values.address = await findChildAddress(ctx, errors, values.address);
    return renderChildForm(ctx, values, errors, [], editOf(child));
  }
  if (action === 'manual-address' || action === 'find-mode') {
    values.address = switchMode(values.address, undefined, action === 'manual-address' ? 'manual' : 'find');
    return renderChildForm(ctx, values, noErrors(), [], editOf(child));
  }
  const checked = await checkChildForm(ctx, values);
  values.address = checked.address;
  if (!checked.child) return renderChildForm(ctx, values, checked.errors, checked.wrongDateParts, editOf(child));
  const changed = await updateChild(child, checked.child, { accountId: professional(ctx).id });
  setNotice(ctx, changed.length ? 'detailsChanged' : 'detailsUnchanged', 1);
  seeOther(ctx, `/send/children/${child.id}`);
}
