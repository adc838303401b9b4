import type Koa from 'koa';
import { z } from 'zod';
import type { AdminDeps } from '../deps.js';
import { drafts, type CouncilDraft } from './drafts.js';
import { tenantRows } from '../../tenancy/tenant-rows.js';

/** The council's slug in the URL. */
const councilParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,63}$/) });

/** The council named in the URL, with its draft; 404 when there is none. */
export async function councilFromUrl(ctx: Koa.Context, deps: AdminDeps): Promise<CouncilDraft> {
  const params = councilParams.safeParse(ctx.params);
  const row = params.success ? await tenantRows.bySlug(deps.platform, params.data.slug) : undefined;
  const draft = row && (await drafts.load(deps.platform, row.id));
  if (!draft) return ctx.throw(404);
  return draft;
}

/** The admin who acts, as recorded in revisions and drafts. */
export const actorOf = (ctx: Koa.Context) => ctx.state.admin?.email ?? 'unknown';
