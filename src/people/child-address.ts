import type Koa from 'koa';
import { toAddressColumns } from '../accounts/addresses/format.js';
import { checkAddress, findAddressAction, type AddressDraft } from '../accounts/registration/work-address.js';
import { addError, noErrors, type FormErrors } from '../platform/http/forms.js';

/**
 * The child's home address: found by postcode or typed in, with the same finder
 * (and the same checks) as the work address in registration. Only the two
 * messages that speak of "your work address" are said about the child instead.
 */

const CHILD_WORDING: Record<string, string> = {
  'registration.errors.postcodeMissing': 'people.errors.postcodeMissing',
  'registration.errors.addressNotChosen': 'people.errors.addressNotChosen',
};

/** Moves the finder's errors into `errors`, in the child's words where its own speak of a work address. */
function inChildWords(ctx: Koa.Context, found: FormErrors, errors: FormErrors): void {
  const t = ctx.state.t;
  for (const item of found.list) {
    const name = item.href.slice(1);
    const key = Object.keys(CHILD_WORDING).find((k) => t(k) === item.text);
    if (key) addError(errors, ctx, name, CHILD_WORDING[key]!);
    else if (!errors.byField[name]) {
      errors.byField[name] = item.text;
      errors.list.push(item);
    }
  }
}

/** "Find address": the addresses at the postcode to choose from. */
export async function findChildAddress(ctx: Koa.Context, errors: FormErrors, address: AddressDraft): Promise<AddressDraft> {
  const found = noErrors();
  const draft = await findAddressAction(ctx, found, address);
  inChildWords(ctx, found, errors);
  return draft;
}

export type AddressColumns = ReturnType<typeof toAddressColumns>;

/** The address to store (as the children table's columns); undefined when there are errors (added to `errors`). */
export async function checkChildAddress(ctx: Koa.Context, errors: FormErrors, address: AddressDraft): Promise<{ columns?: AddressColumns; draft: AddressDraft }> {
  const found = noErrors();
  const checked = await checkAddress(ctx, found, address);
  inChildWords(ctx, found, errors);
  return { columns: checked.address ? toAddressColumns(checked.address) : undefined, draft: checked.draft };
}
