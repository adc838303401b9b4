import { performance } from 'node:perf_hooks';
import { db, inTenant } from '../src/platform/db/unit-of-work.js';
import { findChildren } from '../src/people/search.js';
import type { BenchContext } from './scenarios.js';

const HOST = 'leicester.localhost';
const EMAIL = 'bench.senco@school.example.org';
const RUNS = 200;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * The Person Filter's statements, as the page sends them: their plan as the app
 * role under row-level security (which indexes, into the notes), and the RLS
 * overhead: the same statements run RUNS times in one council's unit, against
 * the platform role (no policy) with the council's id written into them.
 */
export async function personFilterPlan(bench: BenchContext, filter = 'taylor'): Promise<void> {
  const tenantId = bench.registry.forHost(HOST)!.id;
  const { platform, app } = bench.db;
  const account = await platform('accounts').where({ tenant_id: tenantId, email: EMAIL }).first('id');
  const query = { filter, linkedTo: { accountId: account.id as string, view: 'active' as const } };

  const issued: { sql: string; bindings: unknown[] }[] = [];
  const listen = (q: { sql: string; bindings?: unknown[] }) => {
    if (/^\s*(with|select)/i.test(q.sql)) issued.push({ sql: q.sql.replace(/\$\d+/g, '?'), bindings: q.bindings ?? [] });
  };
  app.on('query', listen);
  try {
    await inTenant(app, tenantId, () => findChildren(query));
  } finally {
    app.off('query', listen);
  }
  const tokens = issued.find((q) => q.sql.includes('child_search_tokens'));
  if (!tokens) throw new Error('the Person Filter sent no statement on child_search_tokens');

  const plan: string[] = await inTenant(app, tenantId, async () => {
    const rows = (await (await db()).raw(`explain (analyze, costs off, timing off, summary off) ${tokens.sql}`, tokens.bindings as never)).rows as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']);
  });
  const scans = plan.filter((line) => /Scan/.test(line)).map((line) => line.trim().replace(/^->\s*/, '').replace(/\s*\(actual.*$/, ''));
  bench.note(`Person Filter "${filter}" plan (app role, RLS on)`, [...new Set(scans)].join('; '));
  if (plan.some((line) => /Seq Scan on (children|child_links|child_search_tokens)/.test(line))) throw new Error(`the Person Filter plan scans a table:\n${plan.join('\n')}`);

  // The same statements, timed: under the policy (app role) and with the tenant written in (platform role, no policy).
  const explicit = issued.map((q) => ({
    sql: q.sql
      .replace('from child_search_tokens t where', `from child_search_tokens t where t.tenant_id = '${tenantId}' and`)
      .replace(/from "children" as "c" where/, `from "children" as "c" where "c"."tenant_id" = '${tenantId}' and`)
      .replace(/from "children" as "c" left join/, `from "children" as "c" left join`),
    bindings: q.bindings,
  }));
  const underRls = await inTenant(app, tenantId, async () => {
    const trx = await db();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      for (const q of issued) await trx.raw(q.sql, q.bindings as never);
      times.push(performance.now() - started);
    }
    return times;
  });
  const withoutRls = await platform.transaction(async (trx) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      for (const q of explicit) await trx.raw(q.sql, q.bindings as never);
      times.push(performance.now() - started);
    }
    return times;
  });
  bench.note(`Person Filter "${filter}" statements, app role under RLS (median ms of ${RUNS})`, round(median(underRls)));
  bench.note(`Person Filter "${filter}" statements, platform role, tenant written in (median ms of ${RUNS})`, round(median(withoutRls)));
  bench.note(`Person Filter RLS overhead`, `${Math.round((median(underRls) / median(withoutRls) - 1) * 100)} %`);
}
