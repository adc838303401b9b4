import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { readForm, text } from '../../platform/http/forms.js';
import { audit } from '../../platform/audit.js';
import { roleShown } from '../../tenancy/roles.js';
import { lockAccount } from '../queries/accounts.js';
import { deleteRole, insertRole, roleOf, rolesOf, updateRole, type WorkRole } from '../queries/work-roles.js';
import { addressLines, fromAddressColumns } from '../addresses/format.js';
import { redirectWithNotice, renderSection } from './sections.js';
import { emptyValues, findStep, formLocals, redisplay, saveStep, roleInput, valuesFromRole, type RoleForm } from './work-role-form.js';

const LIST = '/my-account/work-details';
/** The role form as posted, and the button pressed. */
const submitInput = roleInput.extend({ action: text() });
/** The role's id in the URL. */
const roleParams = z.object({ id: z.guid() });
/** One of the signed-in person's roles, or a 404 (never someone else's). */
async function ownRole(ctx: Koa.Context): Promise<WorkRole> {
  const params = roleParams.safeParse(ctx.params);
  const role = params.success ? await roleOf(ctx.state.account!.id, params.data.id) : undefined;
  if (!role) ctx.throw(404);
  return role;
}

function showList(ctx: Koa.Context, roles: WorkRole[]) {
  renderSection(ctx, 'workDetails', 'work-details', {
    roles: roles.map((r) => ({
      id: r.id,
      role: roleShown(ctx.state.tenant!, r.role, ctx.state.lang),
      organisation: r.organisation,
      address: addressLines(fromAddressColumns(r)),
      mobile: r.mobile,
      workPhone: r.work_phone,
    })),
  });
}

function showForm(ctx: Koa.Context, form: RoleForm, role?: WorkRole) {
  const t = ctx.state.t;
  renderSection(ctx, 'workDetails', 'work-role', {
    title: role ? t('my-account.workDetails.change.title', { role: roleShown(ctx.state.tenant!, role.role, ctx.state.lang) }) : t('my-account.workDetails.add.title'),
    heading: role ? t('my-account.workDetails.change.title', { role: roleShown(ctx.state.tenant!, role.role, ctx.state.lang) }) : t('my-account.workDetails.add.title'),
    action: role ? `${LIST}/${role.id}` : `${LIST}/add`,
    submit: role ? t('my-account.saveChanges') : t('my-account.workDetails.add.submit'),
    ...formLocals(ctx, form),
  });
}

/** The role form's buttons: look up the postcode, switch to typing the address, or save. */
async function submitRole(ctx: Koa.Context, role?: WorkRole) {
  const { action, ...values } = readForm(ctx, submitInput);
  if (action === 'find') return showForm(ctx, await findStep(ctx, values), role);
  if (action === 'manual' || action === 'search') {
    values.addressMode = action === 'manual' ? 'manual' : 'find';
    return showForm(ctx, await redisplay(values, ctx.state.lang), role);
  }
  const { columns, form } = await saveStep(ctx, values);
  if (!columns) return showForm(ctx, form, role);
  const account = ctx.state.account!;
  const details = { role: columns.role, organisation: columns.organisation };
  if (role) {
    await updateRole(account.id, role.id, columns);
    await audit('account.work-role-changed', { subjectType: 'work_role', subjectId: role.id, details: { ...details, accountId: account.id } });
    return redirectWithNotice(ctx, LIST, 'roleChanged');
  }
  const added = await insertRole(account.id, columns);
  await audit('account.work-role-added', { subjectType: 'work_role', subjectId: added.id, details: { ...details, accountId: account.id } });
  redirectWithNotice(ctx, LIST, 'roleAdded');
}

export function workDetailsRoutes(router: Router): void {
  router.get('/work-details', async (ctx) => showList(ctx, await rolesOf(ctx.state.account!.id)));

  router.get('/work-details/add', (ctx) => showForm(ctx, { values: emptyValues(), errors: { list: [], byField: {} } }));
  router.post('/work-details/add', (ctx) => submitRole(ctx));

  router.get('/work-details/:id', async (ctx) => {
    const role = await ownRole(ctx);
    showForm(ctx, await redisplay({ ...valuesFromRole(role), role: roleShown(ctx.state.tenant!, role.role, ctx.state.lang) }, ctx.state.lang), role);
  });
  router.post('/work-details/:id', async (ctx) => submitRole(ctx, await ownRole(ctx)));

  router.get('/work-details/:id/remove', async (ctx) => {
    const role = await ownRole(ctx);
    const count = (await rolesOf(ctx.state.account!.id)).length;
    renderSection(ctx, 'workDetails', 'work-role-remove', {
      title: ctx.state.t(count > 1 ? 'my-account.workDetails.remove.title' : 'my-account.workDetails.remove.onlyRoleTitle', { role: roleShown(ctx.state.tenant!, role.role, ctx.state.lang) }),
      role: { id: role.id, role: roleShown(ctx.state.tenant!, role.role, ctx.state.lang), organisation: role.organisation },
      onlyRole: count <= 1,
    });
  });

  router.post('/work-details/:id/remove', async (ctx) => {
    const role = await ownRole(ctx);
    const account = ctx.state.account!;
    // Locks the account row so two removals at once cannot leave it with no role.
    await lockAccount(account.id);
    const count = (await rolesOf(account.id)).length;
    if (count <= 1) return redirectWithNotice(ctx, `${LIST}/${role.id}/remove`);
    await deleteRole(account.id, role.id);
    await audit('account.work-role-removed', {
      subjectType: 'work_role',
      subjectId: role.id,
      details: { role: role.role, organisation: role.organisation, accountId: account.id },
    });
    redirectWithNotice(ctx, LIST, 'roleRemoved');
  });
}
