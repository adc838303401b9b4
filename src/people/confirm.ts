import type Koa from 'koa';
import { z } from 'zod';
import { professional } from '../access/actor.js';
import { addressLines, fromAddressColumns } from '../accounts/addresses/format.js';
import { audit } from '../platform/audit.js';
import { childDisplayName, findChildForProfessional, formatDateOfBirth } from './children.js';
import { renderPeoplePage } from './page.js';

/** The child's id in the URL. */
const childParams = z.object({ childId: z.guid() });

/**
 * GET /send/children/:childId/confirm: "Check the child or young person's details",
 * then Continue to their Statutory Assessment Progress. Not linked to this professional: 404.
 */
export async function confirmChild(ctx: Koa.Context): Promise<void> {
  const params = childParams.safeParse(ctx.params);
  const child = params.success ? await findChildForProfessional(professional(ctx).id, params.data.childId) : undefined;
  if (!child) return ctx.throw(404);
  await audit('child.viewed', { subjectType: 'child', subjectId: child.id });
  renderPeoplePage(ctx, 'confirm', 'people.confirm.title', {
    child: {
      id: child.id,
      name: childDisplayName(child),
      dateOfBirth: formatDateOfBirth(child),
      gender: child.gender ? ctx.state.t(`people.gender.${child.gender}`, { defaultValue: child.gender }) : '',
      addressLines: addressLines(fromAddressColumns(child)),
      school: child.school,
    },
  });
}
