import type { Language } from '../../i18n/index.js';
import { roleSuggestions, roleToSave } from '../../tenancy/roles.js';
import type Koa from 'koa';
import { z } from 'zod';
import { addError, noErrors, text, type FormErrors } from '../../platform/http/forms.js';
import type { WorkRole } from '../queries/work-roles.js';
import { formatAddress, isValidPostcode, normalisePostcode, toAddressColumns, type Address } from '../addresses/format.js';
import { findAddress, findAddresses } from '../addresses/lookup.js';
import { isUkMobile, isUkPhone } from '../phone-numbers.js';
import { addressFields } from '../addresses/input.js';

/**
 * The form of one work role: role (with the council's suggestions), organisation,
 * work address (found by postcode, or typed in) and phones. It works without
 * JavaScript: "Find address" and "Enter the address manually" post the form
 * back and it is shown again with everything typed kept.
 */
export type AddressMode = 'find' | 'manual';

const MANUAL_FIELDS = ['houseNumber', 'houseName', 'buildingName', 'street', 'district', 'town', 'county', 'country'] as const;
const MAX = 100;
const err = (name: string) => `my-account.workDetails.errors.${name}`;

/** The form as posted: every field trimmed, the address found by postcode unless typed in by hand. */
export const roleInput = z.object({
  role: text(),
  organisation: text(),
  addressMode: text(z.string().transform((mode): string => (mode === 'manual' ? 'manual' : 'find'))),
  ...addressFields,
  mobile: text(),
  workPhone: text(),
});
export type RoleValues = z.infer<typeof roleInput>;

/** The form filled from a saved role: its address in the list when it came from it, else as typed. */
export function valuesFromRole(role: WorkRole): RoleValues {
  return {
    role: role.role,
    organisation: role.organisation,
    addressMode: role.uprn ? 'find' : 'manual',
    postcode: role.postcode ?? '',
    uprn: role.uprn ? String(role.uprn) : '',
    houseNumber: role.house_number ?? '',
    houseName: role.house_name ?? '',
    buildingName: role.building_name ?? '',
    street: role.street ?? '',
    district: role.district ?? '',
    town: role.town ?? '',
    county: role.county ?? '',
    country: role.country ?? '',
    mobile: role.mobile ?? '',
    workPhone: role.work_phone ?? '',
  };
}

export const emptyValues = (): RoleValues => roleInput.parse({});

export interface RoleForm {
  values: RoleValues;
  errors: FormErrors;
  /** The addresses at the postcode, once looked up. */
  addresses?: Address[];
}

/** What the page needs to show the form. */
export function formLocals(ctx: Koa.Context, form: RoleForm) {
  const t = ctx.state.t;
  const addresses = form.addresses ?? [];
  return {
    values: form.values,
    errors: form.errors,
    manual: form.values.addressMode === 'manual',
    roleSuggestions: roleSuggestions(ctx.state.tenant!, ctx.state.lang),
    addressesFound: addresses.length > 0,
    addressOptions: addresses.map((a) => ({ value: String(a.uprn), text: formatAddress(a) })),
    addressPlaceholder: t('my-account.workDetails.fields.addressCount', { count: addresses.length }),
  };
}

function checkPhones(ctx: Koa.Context, values: RoleValues, errors: FormErrors) {
  if (values.mobile && (values.mobile.length > 30 || !isUkMobile(values.mobile))) addError(errors, ctx, 'mobile', err('mobileFormat'));
  if (values.workPhone && (values.workPhone.length > 30 || !isUkPhone(values.workPhone))) addError(errors, ctx, 'workPhone', err('workPhoneFormat'));
}

/** "Find address": the postcode alone is checked; the addresses there are listed to choose from. */
export async function findStep(ctx: Koa.Context, values: RoleValues): Promise<RoleForm> {
  const errors = noErrors();
  values.addressMode = 'find';
  values.uprn = '';
  if (!values.postcode) return { values, errors: addError(errors, ctx, 'postcode', err('postcodeMissing')) };
  if (!isValidPostcode(values.postcode)) return { values, errors: addError(errors, ctx, 'postcode', err('postcodeFormat')) };
  values.postcode = normalisePostcode(values.postcode);
  const addresses = await findAddresses(values.postcode, ctx.state.lang);
  if (!addresses.length) addError(errors, ctx, 'postcode', err('noAddresses'), { postcode: values.postcode });
  return { values, errors, addresses };
}

/** Shows the form again as it was, with the addresses at its postcode if it is looking them up. */
export async function redisplay(values: RoleValues, lang: Language = 'en'): Promise<RoleForm> {
  const addresses = values.addressMode === 'find' && isValidPostcode(values.postcode) ? await findAddresses(values.postcode, lang) : undefined;
  return { values, errors: noErrors(), addresses };
}

export type RoleColumns = Pick<WorkRole, 'role' | 'organisation' | 'mobile' | 'work_phone'> & ReturnType<typeof toAddressColumns>;

/** "Save": every field checked; either the columns to store or the form again with its errors. */
export async function saveStep(ctx: Koa.Context, values: RoleValues): Promise<{ columns?: RoleColumns; form: RoleForm }> {
  const errors = noErrors();
  if (!values.role) addError(errors, ctx, 'role', err('roleMissing'));
  else if (values.role.length > 200) addError(errors, ctx, 'role', err('roleTooLong'));
  if (!values.organisation) addError(errors, ctx, 'organisation', err('organisationMissing'));
  else if (values.organisation.length > 200) addError(errors, ctx, 'organisation', err('organisationTooLong'));

  let address: Parameters<typeof toAddressColumns>[0] | undefined;
  let addresses: Address[] | undefined;
  if (values.addressMode === 'find') {
    if (!values.postcode) addError(errors, ctx, 'postcode', err('postcodeMissing'));
    else if (!isValidPostcode(values.postcode)) addError(errors, ctx, 'postcode', err('postcodeFormat'));
    else {
      values.postcode = normalisePostcode(values.postcode);
      addresses = await findAddresses(values.postcode, ctx.state.lang);
      const chosen = values.uprn ? await findAddress(values.postcode, values.uprn, ctx.state.lang) : undefined;
      if (chosen) address = chosen;
      else if (addresses.length) addError(errors, ctx, 'uprn', err('addressNotChosen'));
      else addError(errors, ctx, 'postcode', err('noAddresses'), { postcode: values.postcode });
    }
  } else {
    for (const name of MANUAL_FIELDS) if (values[name].length > MAX) addError(errors, ctx, name, err('addressTooLong'), { max: MAX });
    if (!values.houseNumber && !values.houseName && !values.buildingName && !values.street) addError(errors, ctx, 'houseNumber', err('firstLineMissing'));
    if (!values.town) addError(errors, ctx, 'town', err('townMissing'));
    if (!values.postcode) addError(errors, ctx, 'postcode', err('postcodeMissing'));
    else if (!isValidPostcode(values.postcode)) addError(errors, ctx, 'postcode', err('postcodeFormat'));
    else values.postcode = normalisePostcode(values.postcode);
    address = { ...values, uprn: null };
  }
  checkPhones(ctx, values, errors);
  if (errors.list.length || !address) return { form: { values, errors, addresses } };
  return {
    form: { values, errors, addresses },
    columns: {
      role: roleToSave(ctx.state.tenant!, values.role),
      organisation: values.organisation,
      mobile: values.mobile || null,
      work_phone: values.workPhone || null,
      ...toAddressColumns(address),
    },
  };
}
