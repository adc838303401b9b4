import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { setNotice as setAreaNotice, takeNotice } from '../access/notices.js';
import { textWith } from '../i18n/index.js';
import { formatNumber } from '../i18n/numbers.js';
import { audit } from '../platform/audit.js';
import { noErrors, type FormErrors } from '../platform/http/forms.js';
import { childDisplayName, formatChildAddress, formatDateOfBirth } from './children.js';
import { renderPeoplePage } from './page.js';
import { hiddenCount, listPeople, personListQuery, VIEWS, type PersonListQuery } from './person-list.js';
import type { Position } from './search.js';

/** The SEND home: "Select Person", with the Person Filter, the records and the buttons that act on ticked ones. */

export type NoticeKind = 'hidden' | 'unhidden' | 'deleted' | 'detailsChanged' | 'detailsUnchanged';

/** Remembers what was just done, to say so once on the next Select Person page. */
export function setNotice(ctx: Koa.Context, kind: NoticeKind, count: number): void {
  setAreaNotice(ctx, 'people', `people.notice.${kind}`, { count });
}

/** "/send?filter=…&view=…&after=…", leaving out what is the default. */
export function listUrl(query: PersonListQuery, position: Position = query): string {
  const params = new URLSearchParams();
  if (query.filter) params.set('filter', query.filter);
  if (query.view !== 'active') params.set('view', query.view);
  if (position.after) params.set('after', position.after);
  else if (position.before) params.set('before', position.before);
  const search = params.toString();
  return search ? `/send?${search}` : '/send';
}

export interface SelectPersonExtras {
  /** Ids ticked in the form, kept ticked when it is shown again with an error. */
  ticked?: string[];
  /** Why the ticked records could not be deleted. */
  problems?: string[];
}

/** Renders the list for this query; returns how many records it found. */
export async function renderSelectPerson(ctx: Koa.Context, query: PersonListQuery, errors: FormErrors = noErrors(), extras: SelectPersonExtras = {}): Promise<number> {
  const t = ctx.state.t;
  const list = await listPeople(professional(ctx).id, query);
  // An empty Active list with hidden records says they are hidden, not that there are none.
  const hidden = list.total === 0 && query.view === 'active' && !query.filter ? await hiddenCount(professional(ctx).id) : 0;
  const ticked = new Set(extras.ticked ?? []);
  const selectLabel = textWith(t, 'people.select.selectPerson', 'name');
  renderPeoplePage(
    ctx,
    'select-person',
    'people.select.title',
    {
      notice: takeNotice(ctx, 'people'),
      query,
      views: VIEWS.map((value) => ({ value, text: t(`people.select.views.${value}`) })),
      recordsFound: list.more
        ? t('people.select.moreFound', { number: formatNumber(list.total, ctx.state.lang) })
        : t('people.select.recordsFound', { count: list.total, number: formatNumber(list.total, ctx.state.lang) }),
      filtered: Boolean(query.filter),
      emptyText: list.total
        ? ''
        : query.filter
          ? t('people.select.noneFound')
          : query.view === 'hidden'
            ? t('people.select.noneHidden')
            : query.view === 'recent'
              ? t('people.select.noneRecent')
              : hidden
                ? t('people.select.allHidden', { count: hidden, number: formatNumber(hidden, ctx.state.lang) })
                : t('people.select.noneActive'),
      // What every row repeats, looked up once for the page rather than once per row.
      rowTexts: {
        hiddenTag: t('people.select.hiddenTag'),
        dateOfBirth: t('people.select.dateOfBirth'),
        address: t('people.select.address'),
        school: t('people.select.school'),
        select: t('people.select.select'),
      },
      children: list.children.map((c) => {
        const name = childDisplayName(c);
        return {
          id: c.id,
          name,
          selectLabel: selectLabel(name),
          dateOfBirth: formatDateOfBirth(c),
          address: formatChildAddress(c),
          school: c.school ?? '',
          hidden: Boolean(c.hidden_at),
          ticked: ticked.has(c.id),
        };
      }),
      canHide: query.view !== 'hidden',
      canUnhide: query.view !== 'active',
      problems: extras.problems ?? [],
      pagination:
        list.next || list.previous
          ? { previous: list.previous && listUrl(query, list.previous), next: list.next && listUrl(query, list.next) }
          : undefined,
    },
    errors,
  );
  return list.total;
}

/** GET /send: the list, filtered by the query string (a GET form: no JavaScript needed). */
export async function selectPerson(ctx: Koa.Context): Promise<void> {
  const query = personListQuery.parse(ctx.query);
  const total = await renderSelectPerson(ctx, query);
  await audit(query.filter ? 'people.filtered' : 'people.listed', { details: { view: query.view, filter: query.filter || undefined, after: query.after, before: query.before, total } });
}
