import { z } from 'zod';
import { formatAddress, isValidPostcode, normalisePostcode, type Address } from '../../accounts/addresses/format.js';
import type { Texts } from '../texts.js';
import { baseView, common, isRecord, notAnswered, postedText, requiredProblem } from './common.js';
import type { AddressBook, AddressLines, AddressValue, AnswerText, FieldErrors, FoundAddress, PostedForm, Problem, QuestionContext, QuestionType, QuestionView } from './type.js';

const schema = z.object({ type: z.literal('address'), ...common }).strict();
export type AddressQuestion = z.infer<typeof schema>;

/**
 * A UK address: a postcode and "Find address" (a server round trip lists the
 * addresses there to choose from), or "Enter the address manually". The finder
 * itself belongs to the accounts domain: the route looks the postcodes up
 * (`lookUpAddresses`) with the finder it is given, before reading or showing the page.
 */

export const MANUAL_PARTS = ['building', 'street', 'town', 'county', 'postcode'] as const;
const MAX_PART = 100;
/** At most this many postcodes are looked up for one page. */
const MAX_LOOKUPS = 20;

const blankLines = (): AddressLines => ({ building: '', street: '', town: '', county: '', postcode: '' });
export const blankAddress = (): AddressValue => ({ mode: 'find', postcode: '', searched: '', uprn: '', found: blankLines(), manual: blankLines() });

const present = (parts: (string | null | undefined)[]) => parts.map((p) => (p ?? '').trim()).filter(Boolean);

/** An address of the national list as the question stores it. */
export function toFoundAddress(a: Address): FoundAddress {
  return {
    uprn: String(a.uprn),
    text: formatAddress(a),
    lines: {
      building: present([a.organisation, a.houseName, a.buildingName]).join(', '),
      street: present([present([a.houseNumber, a.street]).join(' '), a.district]).join(', '),
      town: a.town,
      county: a.county ?? '',
      postcode: a.postcode,
    },
  };
}

/** The finder the route passes in: the addresses at a postcode (accounts/addresses/lookup.ts findAddresses). */
export type FindAddresses = (postcode: string) => Promise<Address[]>;

/** Looks up the postcodes a page lists addresses for (each once, a few at most). */
export async function lookUpAddresses(postcodes: Iterable<string>, findAddresses: FindAddresses): Promise<AddressBook> {
  const book = new Map<string, FoundAddress[]>();
  for (const postcode of new Set([...postcodes].filter(isValidPostcode).map(normalisePostcode))) {
    if (book.size >= MAX_LOOKUPS) break;
    book.set(postcode, (await findAddresses(postcode)).map(toFoundAddress));
  }
  return book;
}

/** The postcodes whose addresses a page lists: from a posted page ("<name>-searched" fields) or from stored answers. */
export function searchedPostcodes(source: unknown): string[] {
  if (Array.isArray(source)) return source.flatMap(searchedPostcodes);
  if (!isRecord(source)) return [];
  const own = typeof source.searched === 'string' && source.mode === 'find' ? [source.searched] : [];
  const posted = Object.entries(source).flatMap(([key, value]) => (key.endsWith('-searched') && typeof value === 'string' ? [value] : []));
  return [...own, ...posted, ...Object.values(source).flatMap((v) => (typeof v === 'object' ? searchedPostcodes(v) : []))];
}

function linesFrom(value: unknown): AddressLines | undefined {
  if (!isRecord(value)) return undefined;
  const lines = blankLines();
  for (const part of MANUAL_PARTS) {
    if (typeof value[part] !== 'string') return undefined;
    lines[part] = value[part];
  }
  return lines;
}

export function parseAddress(stored: unknown): AddressValue | undefined {
  if (!isRecord(stored) || (stored.mode !== 'find' && stored.mode !== 'manual')) return undefined;
  const found = linesFrom(stored.found);
  const manual = linesFrom(stored.manual);
  const { postcode, searched, uprn } = stored;
  if (!found || !manual || typeof postcode !== 'string' || typeof searched !== 'string' || typeof uprn !== 'string') return undefined;
  return { mode: stored.mode, postcode, searched, uprn, found, manual };
}

/** The address fields of a posted page: the chosen address is copied from the looked-up list. */
export function readAddress(body: PostedForm, name: string, context: QuestionContext): AddressValue {
  const value = blankAddress();
  value.mode = postedText(body, `${name}-mode`) === 'manual' ? 'manual' : 'find';
  value.postcode = postedText(body, `${name}-postcode`);
  if (value.mode === 'manual') {
    for (const part of MANUAL_PARTS) value.manual[part] = postedText(body, `${name}-${part}`);
    return value;
  }
  const searched = postedText(body, `${name}-searched`);
  value.searched = isValidPostcode(searched) ? normalisePostcode(searched) : '';
  value.uprn = postedText(body, `${name}-uprn`);
  const chosen = context.addresses.get(value.searched)?.find((a) => a.uprn === value.uprn);
  if (chosen) value.found = { ...chosen.lines };
  else value.uprn = '';
  return value;
}

export const isEmptyAddress = (value: AddressValue) => (value.mode === 'manual' ? MANUAL_PARTS.every((p) => !value.manual[p]) : !value.postcode && !value.uprn);

/** The address as lines (without empty parts). */
export function addressLines(value: AddressValue): string[] {
  const lines = value.mode === 'manual' ? { ...value.manual, postcode: value.manual.postcode ? normalisePostcode(value.manual.postcode) : '' } : value.found;
  return present(MANUAL_PARTS.map((p) => lines[p]));
}

/** The problems of an address: a postcode to find and an address chosen, or the manual fields. */
export function checkAddress(question: Pick<AddressQuestion, 'required' | 'requiredError' | 'id' | 'label'>, value: AddressValue | undefined, texts: Texts, label: string): Problem[] {
  const { t } = texts;
  if (!value || isEmptyAddress(value)) return requiredProblem(question, texts, label, 'enter').map((p) => ({ ...p, part: value?.mode === 'manual' ? 'building' : 'postcode' }));
  if (value.mode === 'manual') {
    const problems: Problem[] = [];
    const m = value.manual;
    if (!m.building && !m.street) problems.push({ text: t('forms.errors.address.firstLine', { label }), part: 'building' });
    if (!m.town) problems.push({ text: t('forms.errors.address.town', { label }), part: 'town' });
    if (!m.postcode) problems.push({ text: t('forms.errors.address.postcode', { label }), part: 'postcode' });
    else if (!isValidPostcode(m.postcode)) problems.push({ text: t('forms.errors.address.postcodeFormat', { label }), part: 'postcode' });
    for (const part of MANUAL_PARTS) if (m[part].length > MAX_PART) problems.push({ text: t('forms.errors.address.tooLong', { label, max: MAX_PART }), part });
    return problems;
  }
  if (!isValidPostcode(value.postcode)) return [{ text: t('forms.errors.address.postcodeFormat', { label }), part: 'postcode' }];
  if (value.searched !== normalisePostcode(value.postcode)) return [{ text: t('forms.errors.address.find', { label }), part: 'postcode' }];
  if (!value.uprn) return [{ text: t('forms.errors.address.choose', { label }), part: 'uprn' }];
  return [];
}

/** What the address partial shows: the finder (postcode, buttons, the list) or the manual fields. */
export function addressView(base: QuestionView, name: string, value: AddressValue | undefined, errors: FieldErrors, texts: Texts, context: QuestionContext): QuestionView {
  const { t } = texts;
  const v = value ?? blankAddress();
  const field = (part: string, label: string, shown: string, extra: Record<string, string> = {}) => {
    const id = `${name}-${part}`;
    return { id, name: id, label, value: shown, error: errors[id], describedBy: errors[id] ? `${id}-error` : undefined, ...extra };
  };
  const found = v.mode === 'find' && v.searched ? (context.addresses.get(v.searched) ?? []) : [];
  return {
    ...base,
    kind: 'address',
    partial: 'forms/q-address',
    manualMode: v.mode === 'manual',
    modeName: `${name}-mode`,
    mode: v.mode,
    searchedName: `${name}-searched`,
    searched: found.length ? v.searched : '',
    postcode: field('postcode', t('forms.address.postcode'), v.mode === 'manual' ? v.manual.postcode : v.postcode, { autocomplete: 'postal-code' }),
    findAction: `address-find-${name}`,
    manualAction: `address-manual-${name}`,
    finderAction: `address-finder-${name}`,
    list: found.length
      ? {
          ...field('uprn', t('forms.address.choose'), v.uprn),
          placeholder: t('forms.address.found', { count: found.length, postcode: v.searched }),
          options: found.map((a) => ({ value: a.uprn, text: a.text, selected: a.uprn === v.uprn })),
        }
      : undefined,
    manual: [
      field('building', t('forms.address.building'), v.manual.building, { autocomplete: 'address-line1' }),
      field('street', t('forms.address.street'), v.manual.street, { autocomplete: 'address-line2' }),
      field('town', t('forms.address.town'), v.manual.town, { autocomplete: 'address-level2', width: '20' }),
      field('county', t('forms.address.county'), v.manual.county, { width: '20' }),
      field('postcode', t('forms.address.postcode'), v.manual.postcode, { autocomplete: 'postal-code', width: '10' }),
    ],
  };
}

const addressAnswer = (value: AddressValue | undefined, texts: Texts): AnswerText => (value && !isEmptyAddress(value) ? { lines: addressLines(value) } : notAnswered(texts));

const ADDRESS_ACTIONS = ['find', 'manual', 'finder'] as const;

/** "address-find-<name>", "address-manual-<name>", "address-finder-<name>": the finder's buttons. */
export function parseAddressAction(action: string): { kind: 'find' | 'manual' | 'finder'; name: string } | undefined {
  const match = /^address-(find|manual|finder)-([a-zA-Z0-9-]+)$/.exec(action);
  const kind = ADDRESS_ACTIONS.find((k) => k === match?.[1]);
  return match && kind ? { kind, name: match[2]! } : undefined;
}

/**
 * What a finder button does to an address: "Find address" looks the postcode
 * up (problems: no postcode, not a postcode, nothing found there); the other two
 * switch between the finder and the manual fields, taking the postcode along.
 */
export async function applyAddressAction(kind: 'find' | 'manual' | 'finder', value: AddressValue, findAddresses: FindAddresses, texts: Texts, label: string): Promise<{ value: AddressValue; problems: Problem[] }> {
  const { t } = texts;
  if (kind === 'manual') return { value: { ...value, mode: 'manual', manual: { ...value.manual, postcode: value.postcode } }, problems: [] };
  if (kind === 'finder') return { value: { ...value, mode: 'find', postcode: value.manual.postcode || value.postcode }, problems: [] };
  if (!value.postcode) return { value, problems: [{ text: t('forms.errors.address.postcode', { label }), part: 'postcode' }] };
  if (!isValidPostcode(value.postcode)) return { value, problems: [{ text: t('forms.errors.address.postcodeFormat', { label }), part: 'postcode' }] };
  const postcode = normalisePostcode(value.postcode);
  const found = await findAddresses(postcode);
  if (!found.length) return { value: { ...value, postcode, searched: '', uprn: '' }, problems: [{ text: t('forms.errors.address.noneFound', { postcode }), part: 'postcode' }] };
  const same = value.searched === postcode;
  return { value: { ...value, postcode, searched: postcode, uprn: same ? value.uprn : '', found: same ? value.found : blankLines() }, problems: [] };
}

export const address = {
  type: 'address',
  schema,
  inGroup: false,
  perPerson: false,
  stored: true,
  read: (body, name, _question, context) => readAddress(body, name, context),
  parse: parseAddress,
  isEmpty: isEmptyAddress,
  validate: checkAddress,
  view: (question, name, value, errors, texts, context) => addressView(baseView('address', question, name, errors, texts), name, value, errors, texts, context),
  summary: (_question, value, texts) => addressAnswer(value, texts),
  pdf: (_question, value, texts) => addressAnswer(value, texts),
} satisfies QuestionType<AddressQuestion, AddressValue>;
