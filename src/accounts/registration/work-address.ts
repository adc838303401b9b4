import type Koa from 'koa';
import { z } from 'zod';
import { addError, text, type FormErrors } from '../../platform/http/forms.js';
import { formatAddress, isValidPostcode, normalisePostcode, type Address, type AddressParts } from '../addresses/format.js';
import { findAddresses } from '../addresses/lookup.js';
import type { WorkDraft } from './draft.js';
import { addressFields } from '../addresses/input.js';

/**
 * The work address of the work details step: found by postcode (radios of the
 * addresses there) or entered by hand. Every button is a real submit, so all of
 * this works without JavaScript.
 */

export const MANUAL_FIELDS = ['houseNumber', 'houseName', 'buildingName', 'street', 'district', 'town', 'county', 'postcode', 'country'] as const;

export type AddressDraft = Pick<WorkDraft, 'addressMode' | 'postcode' | 'searched' | 'uprn' | 'manual'>;

/** The address part of a posted form, every field trimmed (the manual fields include the postcode). */
export const addressInput = z.object({
  addressMode: text(),
  searched: text(),
  ...addressFields,
});

/** The address part of a posted form, read by `addressInput`. */
export function readAddress(input: z.infer<typeof addressInput>): AddressDraft {
  const mode = input.addressMode === 'manual' ? 'manual' : 'find';
  const postcode = input.postcode;
  if (mode === 'manual') {
    const manual = Object.fromEntries(MANUAL_FIELDS.map((name) => [name, input[name]])) as AddressParts;
    return { addressMode: mode, postcode, manual };
  }
  return { addressMode: mode, postcode, searched: input.searched || undefined, uprn: input.uprn || undefined };
}

/** Checks the postcode to look up; undefined (with an error) when it cannot be looked up. */
function postcodeToFind(ctx: Koa.Context, errors: FormErrors, postcode: string): string | undefined {
  if (!postcode) return void addError(errors, ctx, 'postcode', 'registration.errors.postcodeMissing');
  if (!isValidPostcode(postcode)) return void addError(errors, ctx, 'postcode', 'registration.errors.postcodeFormat');
  return normalisePostcode(postcode);
}

/** "Find address": lists the addresses at the postcode, or says there are none. */
export async function findAddressAction(ctx: Koa.Context, errors: FormErrors, address: AddressDraft): Promise<AddressDraft> {
  const postcode = postcodeToFind(ctx, errors, address.postcode ?? '');
  if (!postcode) return { ...address, searched: undefined, uprn: undefined };
  const found = await findAddresses(postcode, ctx.state.lang);
  if (!found.length) addError(errors, ctx, 'postcode', 'registration.errors.noAddresses', { postcode });
  const keepChoice = address.searched === postcode;
  return { ...address, postcode, searched: found.length ? postcode : undefined, uprn: keepChoice ? address.uprn : undefined };
}

/** "Enter address manually" and back: the postcode typed so far comes along. */
export function switchMode(address: AddressDraft, kept: AddressParts | undefined, mode: 'find' | 'manual'): AddressDraft {
  if (mode === 'manual') {
    return { addressMode: 'manual', postcode: address.postcode, manual: { ...kept, postcode: address.postcode || kept?.postcode || '' } };
  }
  return { addressMode: 'find', postcode: address.manual?.postcode || address.postcode, manual: address.manual ?? kept };
}

/** The address to store, checked; undefined when there are errors (added to `errors`). */
export async function checkAddress(ctx: Koa.Context, errors: FormErrors, address: AddressDraft): Promise<{ address?: AddressParts & { uprn?: number }; draft: AddressDraft }> {
  if (address.addressMode === 'manual') {
    const manual = address.manual ?? {};
    if (!manual.houseName && !manual.buildingName && !manual.street) addError(errors, ctx, 'street', 'registration.errors.addressFirstLine');
    if (!manual.town) addError(errors, ctx, 'town', 'registration.errors.townMissing');
    postcodeToFind(ctx, errors, manual.postcode ?? '');
    for (const name of MANUAL_FIELDS) {
      if ((manual[name] ?? '').length > 100) addError(errors, ctx, name, 'registration.errors.addressTooLong');
    }
    if (errors.list.length) return { draft: address };
    return { address: { ...manual, postcode: normalisePostcode(manual.postcode!), country: manual.country || null }, draft: address };
  }
  const postcode = postcodeToFind(ctx, errors, address.postcode ?? '');
  if (!postcode) return { draft: address };
  const found = await findAddresses(postcode, ctx.state.lang);
  if (!found.length) {
    addError(errors, ctx, 'postcode', 'registration.errors.noAddresses', { postcode });
    return { draft: { ...address, searched: undefined, uprn: undefined } };
  }
  const chosen = address.searched === postcode ? found.find((a) => String(a.uprn) === address.uprn) : undefined;
  if (!chosen) {
    addError(errors, ctx, 'uprn', 'registration.errors.addressNotChosen');
    return { draft: { ...address, postcode, searched: postcode, uprn: undefined } };
  }
  return { address: fromLookup(chosen), draft: address };
}

/** A looked-up address as a work address (the organisation there is not part of it: the role has its own). */
function fromLookup(a: Address): AddressParts & { uprn: number } {
  return { uprn: a.uprn, houseNumber: a.houseNumber, houseName: a.houseName, buildingName: a.buildingName, street: a.street, district: a.district, town: a.town, county: a.county, postcode: a.postcode, country: a.country };
}

/** What the page needs to show the address part. */
export async function addressLocals(ctx: Koa.Context, address: AddressDraft) {
  const found = address.addressMode !== 'manual' && address.searched ? await findAddresses(address.searched, ctx.state.lang) : [];
  return {
    mode: address.addressMode ?? 'find',
    postcode: address.postcode ?? '',
    searched: found.length ? address.searched : undefined,
    uprn: address.uprn,
    options: found.map((a) => ({ value: String(a.uprn), text: formatAddress(a) })),
    addressCount: found.length,
    manual: { ...address.manual, country: address.manual?.country ?? (ctx.state.t('registration.work.defaultCountry') as string) },
  };
}
