import type Koa from 'koa';
import { audit } from '../platform/audit.js';
import { z } from 'zod';
import { addError, noErrors, readForm, text } from '../platform/http/forms.js';
import { formatDateOfBirth } from './children.js';
import { checkDeletion, deleteChildren, type DeletionCheck, type FormsAboutChildren } from './deletion.js';
import { manyValues, renderPeoplePage, seeOther } from './page.js';
import { linkedIds, personListQuery, setHidden, type PersonListQuery } from './person-list.js';
import { listUrl, renderSelectPerson, setNotice } from './select-person.js';
import { professional } from '../access/actor.js';

/**
 * The buttons of Select Person acting on the ticked records: Hide person, Unhide
 * person, Delete person (after a confirmation page). A record that is not linked
 * to this professional is not found (404), and then nothing changes.
 */

const ACTIONS = ['open', 'hide', 'unhide', 'delete'] as const;

/** The ticked records (ids, given once or many times); the list's own query is `personListQuery`. */
const tickedInput = z.object({ children: z.preprocess(manyValues, z.array(z.string())) });
/** …and the button pressed (any other value is refused with 400). */
const actionInput = tickedInput.extend({ action: text(z.enum(ACTIONS).optional().catch(undefined)) });

/** The ticked ids, all linked to this professional; 404 otherwise. */
async function tickedChildren(ctx: Koa.Context, ticked: string[]): Promise<string[]> {
  const ids = await linkedIds(professional(ctx).id, ticked);
  if (!ids) ctx.throw(404);
  return ids;
}

/** Shows the list again, with the ticked records ticked and why they cannot be deleted. */
async function refuseDeletion(ctx: Koa.Context, query: PersonListQuery, ids: string[], refused: DeletionCheck[]): Promise<void> {
  const t = ctx.state.t;
  for (const check of refused) await audit('child.delete-refused', { subjectType: 'child', subjectId: check.child.id, details: { reason: check.problem } });
  const problems = refused.map((check) => t(`people.errors.${check.problem}`, { name: check.name }) as string);
  const errors = noErrors();
  addError(errors, ctx, 'children', 'people.errors.notDeleted');
  errors.list = problems.map((text) => ({ href: '#children', text }));
  await renderSelectPerson(ctx, query, errors, { ticked: ids, problems });
}

const deleteUrl = (ids: string[], query: PersonListQuery) => {
  const params = new URLSearchParams(ids.map((id) => ['children', id]));
  params.set('view', query.view);
  if (query.filter) params.set('filter', query.filter);
  if (query.after) params.set('after', query.after);
  else if (query.before) params.set('before', query.before);
  return `/send/people/delete?${params}`;
};

/** POST /send/people: one of the buttons, with the ticked records. */
export const actOnPeople = (forms: FormsAboutChildren) => async (ctx: Koa.Context): Promise<void> => {
  const query = readForm(ctx, personListQuery);
  const { action, children: ticked } = readForm(ctx, actionInput);
  if (!action) return ctx.throw(400);
  if (!ticked.length) {
    const errors = addError(noErrors(), ctx, 'children', `people.errors.noneSelected_${action}`);
    await renderSelectPerson(ctx, query, errors);
    return;
  }
  const ids = await tickedChildren(ctx, ticked);
  const accountId = professional(ctx).id;
  if (action === 'open') {
    // Ticking Select and Open person opens that child (their details to confirm, then their progress).
    if (ids.length > 1) return void (await renderSelectPerson(ctx, query, addError(noErrors(), ctx, 'children', 'people.errors.oneToOpen'), { ticked: ids }));
    return seeOther(ctx, `/send/children/${ids[0]}/confirm`);
  }
  if (action === 'delete') {
    const refused = (await checkDeletion(accountId, ids, forms)).filter((c) => c.problem);
    if (refused.length) return refuseDeletion(ctx, query, ids, refused);
    return seeOther(ctx, deleteUrl(ids, query));
  }
  await setHidden(accountId, ids, action === 'hide');
  for (const id of ids) await audit(action === 'hide' ? 'child.hidden' : 'child.unhidden', { subjectType: 'child', subjectId: id });
  setNotice(ctx, action === 'hide' ? 'hidden' : 'unhidden', ids.length);
  seeOther(ctx, listUrl(query));
};

/** GET /send/people/delete?children=…: "Are you sure?", listing the records. */
export const confirmDeletion = (forms: FormsAboutChildren) => async (ctx: Koa.Context): Promise<void> => {
  const query = personListQuery.parse(ctx.query);
  const ids = await tickedChildren(ctx, tickedInput.parse(ctx.query).children);
  const checks = await checkDeletion(professional(ctx).id, ids, forms);
  const refused = checks.filter((c) => c.problem);
  if (refused.length) return refuseDeletion(ctx, query, ids, refused);
  for (const id of ids) await audit('child.delete-asked', { subjectType: 'child', subjectId: id });
  renderPeoplePage(
    ctx,
    'delete-confirm',
    'people.delete.title',
    { records: checks.map((c) => ({ id: c.child.id, name: c.name, dateOfBirth: formatDateOfBirth(c.child) })), query, back: listUrl(query) },
    noErrors(),
    { count: checks.length },
  );
};

/** POST /send/people/delete: deletes them all, or none (each is checked again). */
export const deletePeople = (forms: FormsAboutChildren) => async (ctx: Koa.Context): Promise<void> => {
  const query = readForm(ctx, personListQuery);
  const ids = await tickedChildren(ctx, readForm(ctx, tickedInput).children);
  const accountId = professional(ctx).id;
  const refused = (await checkDeletion(accountId, ids, forms)).filter((c) => c.problem);
  if (refused.length) return refuseDeletion(ctx, query, ids, refused);
  const deleted = await deleteChildren(accountId, ids, forms);
  // Something changed meanwhile: throwing rolls the whole request back, so nothing is deleted.
  if (deleted !== ids.length) ctx.throw(409);
  setNotice(ctx, 'deleted', deleted);
  seeOther(ctx, listUrl(query, {}));
};
