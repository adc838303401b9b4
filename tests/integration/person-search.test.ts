import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { COUNT_CAP, filterWords, findChildren, PAGE_SIZE, type ChildrenQuery } from '../../src/people/search.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The Person Filter and the council's search (src/people/search.ts) on the
 * app role, under row-level security: right answers, one council never sees
 * another's, and the plans use the indexes that lead with tenant_id.
 */

const SURNAMES = ['Jones', 'Smith', 'Patel', 'Williams', 'Brown', 'Khan', 'Davies', 'Evans', 'Wilson', 'Thomas'];
const MANY = 3000;

describe('Person Filter under row-level security', () => {
  let t: TestDatabase;
  let leicester: string;
  let stoke: string;
  let professional: string;
  let stokeProfessional: string;

  async function account(tenantId: string, email: string): Promise<string> {
    const [row] = await t.platform('accounts')
      .insert({ tenant_id: tenantId, kind: 'professional', email, password_hash: 'x', status: 'active', forename: 'Pat', surname: 'Search' })
      .returning('id');
    return row.id as string;
  }

  /** Children made as the app role in the council's unit (so the tokens are written by the trigger under the policy). */
  async function children(tenantId: string, accountId: string, rows: Record<string, unknown>[]): Promise<string[]> {
    return inTenant(t.app, tenantId, async () => {
      const trx = await db();
      const ids: string[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        const made: { id: string }[] = await trx('children').insert(rows.slice(i, i + 1000).map((r) => ({ created_by_account: accountId, ...r }))).returning('id');
        await trx('child_links').insert(made.map(({ id }) => ({ child_id: id, account_id: accountId, source: 'added' })));
        ids.push(...made.map((m) => m.id));
      }
      return ids;
    });
  }

  const find = (tenantId: string, query: ChildrenQuery) => inTenant(t.app, tenantId, () => findChildren(query));
  const names = (page: { children: { surname: string; forename: string }[] }) => page.children.map((c) => `${c.surname}, ${c.forename}`);

  beforeAll(async () => {
    t = await createTestDatabase();
    const registry = await TenantRegistry.load(t.platform);
    leicester = registry.forSlug('leicester')!.id;
    stoke = registry.forSlug('stoke-on-trent')!.id;
    professional = await account(leicester, 'search.leicester@school.example.org');
    stokeProfessional = await account(stoke, 'search.stoke@school.example.org');
    await children(
      leicester,
      professional,
      Array.from({ length: MANY }, (_, n) => ({
        forename: `Pupil${String(n).padStart(4, '0')}`,
        surname: n % 150 === 0 ? 'Taylor' : SURNAMES[n % SURNAMES.length],
        date_of_birth: `${2008 + (n % 15)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
        school: `School ${n % 40}`,
      })),
    );
    await children(
      stoke,
      stokeProfessional,
      Array.from({ length: 30 }, (_, n) => ({ forename: `Stokie${n}`, surname: 'Taylor', date_of_birth: '2012-05-01', school: 'Hanley Park Academy' })),
    );
    // What autovacuum does after a bulk load: statistics, and the visibility map for index-only scans.
    await t.owner.raw('vacuum analyze children, child_links, child_search_tokens');
  });
  afterAll(() => t.drop());

  it('splits a filter into words as the tokens are written', () => {
    expect(filterWords('  Apple, AUGUST ')).toEqual(['august', 'apple']);
    expect(filterWords('3/1/2015')).toEqual(['03/01/2015']);
    expect(filterWords('3.1.2015 park')).toEqual(['03/01/2015', 'park']);
    expect(filterWords("O'Brien-Smith")).toEqual(['brien', 'smith', 'o']);
    expect(filterWords(',;')).toEqual([]);
  });

  it('finds by the start of any word of the names, school and date of birth, in name order', async () => {
    const taylors = await find(leicester, { filter: 'taylor' });
    expect(taylors.total).toBe(MANY / 150);
    expect(taylors.more).toBe(false);
    expect(names(taylors)).toEqual(Array.from({ length: MANY / 150 }, (_, i) => `Taylor, Pupil${String(i * 150).padStart(4, '0')}`));
    expect(names(await find(leicester, { filter: 'TAY pupil0150' }))).toEqual(['Taylor, Pupil0150']);
    expect(names(await find(leicester, { filter: 'pupil0151, jones' }))).toEqual([]);
    expect(names(await find(leicester, { filter: 'Smith, Pupil0151' }))).toEqual(['Smith, Pupil0151']);
    // "School 30" (n % 40 = 30) and Taylor (n % 150 = 0): n = 150 + 600k.
    expect(names(await find(leicester, { filter: 'school 3 taylor' }))).toEqual(['0150', '0750', '1350', '1950', '2550'].map((n) => `Taylor, Pupil${n}`));
    // 2008 + n % 15 = 2011, month n % 12 + 1 = 4, day n % 28 + 1 = 4: n = 3 + 420k, all Williams (n % 10 = 3).
    expect(names(await find(leicester, { filter: '4/4/2011' }))).toEqual(['0003', '0423', '0843', '1263', '1683', '2103', '2523', '2943'].map((n) => `Williams, Pupil${n}`));
    // Wildcards are text, not patterns.
    expect((await find(leicester, { filter: '%' })).total).toBe(0);
  });

  it('keeps the tokens when a child is renamed or deleted', async () => {
    const [id] = await children(leicester, professional, [{ forename: 'Quentin', surname: 'Quarrington', date_of_birth: '2013-02-03' }]);
    expect(names(await find(leicester, { filter: 'quarr' }))).toEqual(['Quarrington, Quentin']);
    await inTenant(t.app, leicester, async () => (await db())('children').where({ id }).update({ surname: 'Zanzibar', school: 'Marsh Lane' }));
    expect((await find(leicester, { filter: 'quarr' })).total).toBe(0);
    expect(names(await find(leicester, { filter: 'zanz marsh' }))).toEqual(['Zanzibar, Quentin']);
    await inTenant(t.app, leicester, async () => (await db())('children').where({ id }).delete());
    expect((await find(leicester, { filter: 'zanz' })).total).toBe(0);
    expect(Number((await t.platform('child_search_tokens').where({ child_id: id }).count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('shows each council only its own children, and a professional only those linked to them', async () => {
    const stokes = await find(stoke, { filter: 'taylor' });
    expect(stokes.total).toBe(30);
    expect(stokes.children.every((c) => c.tenant_id === stoke && c.forename.startsWith('Stokie'))).toBe(true);
    expect((await find(leicester, { filter: 'stokie' })).total).toBe(0);
    expect((await find(stoke, { filter: 'pupil0150' })).total).toBe(0);
    // A professional with few links: found from their links, whatever the word matches in the council.
    const linked = { accountId: stokeProfessional, view: 'active' as const };
    expect((await find(stoke, { filter: 'hanley taylor', linkedTo: linked })).total).toBe(30);
    expect(names(await find(stoke, { filter: 'stokie1', linkedTo: linked }))).toEqual(['Taylor, Stokie1', 'Taylor, Stokie10', 'Taylor, Stokie11', 'Taylor, Stokie12', 'Taylor, Stokie13', 'Taylor, Stokie14', 'Taylor, Stokie15', 'Taylor, Stokie16', 'Taylor, Stokie17', 'Taylor, Stokie18', 'Taylor, Stokie19']);
    expect((await find(stoke, { filter: 'taylor', linkedTo: { ...linked, view: 'hidden' } })).total).toBe(0);
    // The Leicester professional's list in Stoke's unit (a foreign account id): nothing.
    expect((await find(stoke, { filter: 'taylor', linkedTo: { accountId: professional, view: 'active' } })).total).toBe(0);
    expect((await find(leicester, { filter: '', linkedTo: { accountId: stokeProfessional, view: 'active' } })).total).toBe(0);
    // A position taken from another council starts at the beginning.
    const foreign = stokes.children[0]!.id;
    expect(names(await find(leicester, { filter: 'taylor', after: foreign }))[0]).toBe('Taylor, Pupil0000');
    // The tokens are under the same policy.
    const seen = await inTenant(t.app, stoke, async () => (await db())('child_search_tokens').distinct('tenant_id'));
    expect(seen).toEqual([{ tenant_id: stoke }]);
    // No unit, no tenant: nothing at all.
    expect(Number((await t.app('child_search_tokens').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('pages by position (no OFFSET) forwards and back, and caps the count', async () => {
    const all = { filter: '', linkedTo: { accountId: professional, view: 'active' as const } };
    const first = await find(leicester, all);
    expect(first.more).toBe(true);
    expect(first.total).toBe(COUNT_CAP);
    expect(first.previous).toBeUndefined();
    expect(first.children).toHaveLength(PAGE_SIZE);
    const second = await find(leicester, { ...all, ...first.next });
    expect(second.children[0]!.id).not.toBe(first.children.at(-1)!.id);
    expect(second.previous).toEqual({ before: second.children[0]!.id });
    const back = await find(leicester, { ...all, ...second.previous });
    expect(back.children.map((c) => c.id)).toEqual(first.children.map((c) => c.id));
    expect(back.previous).toBeUndefined();

    // The same order whichever way the matches are read: from the tokens (few) and in name order (many).
    const jones = await find(leicester, { filter: 'jones' });
    expect(jones.total).toBe(MANY / 10 - MANY / 150); // every Taylor is one of the n % 10 = 0
    const walked: string[] = [];
    let page = await find(leicester, { filter: 'jones', linkedTo: all.linkedTo });
    for (;;) {
      walked.push(...names(page));
      if (!page.next) break;
      page = await find(leicester, { filter: 'jones', linkedTo: all.linkedTo, ...page.next });
    }
    expect(walked).toHaveLength(jones.total);
    expect(walked).toEqual([...walked].sort());
    const pupils = await find(leicester, { filter: 'pupil' });
    expect(pupils.more).toBe(true);
    expect(names(pupils).slice(0, 2)).toEqual(['Brown, Pupil0004', 'Brown, Pupil0014']);
  });

  it('runs on the indexes that lead with tenant_id, as the app role under the policy (EXPLAIN)', async () => {
    const issued: { sql: string; bindings: unknown[] }[] = [];
    const listen = (q: { sql: string; bindings?: unknown[] }) => {
      // Statements as sent ($1, $2… in order), on the tables the search reads.
      if (/child_search_tokens|children/.test(q.sql) && /^\s*(with|select)/i.test(q.sql)) issued.push({ sql: q.sql, bindings: q.bindings ?? [] });
    };
    t.app.on('query', listen);
    try {
      await find(leicester, { filter: 'taylor', linkedTo: { accountId: professional, view: 'active' } });
      await find(leicester, { filter: 'taylor' });
      await find(leicester, { filter: 'pupil', linkedTo: { accountId: professional, view: 'active' } });
    } finally {
      t.app.off('query', listen);
    }
    expect(issued.length).toBeGreaterThanOrEqual(3);
    const plans = await inTenant(t.app, leicester, async () => {
      const trx = await db();
      const [{ current_user: role }] = (await trx.raw('select current_user')).rows;
      expect(role).toBe('portal_app');
      const out: string[] = [];
      for (const q of issued) out.push(JSON.stringify((await trx.raw(`explain (format json) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as never)).rows[0]['QUERY PLAN']));
      return out;
    });
    const tokenPlan = plans.find((p) => p.includes('"Relation Name":"child_search_tokens"') && p.includes('taylor'))!;
    expect(tokenPlan).toBeDefined();
    // The filter word is an index range on (tenant_id, token): the policy and the prefix together
    // (the policy's tenant, read once per statement, is the InitPlan's value).
    expect(tokenPlan).toMatch(/"Index Name":"child_search_tokens_pkey"/);
    expect(tokenPlan).toMatch(/"Index Cond":"\(\(tenant_id = \(InitPlan \d+\)\.col1\) AND \(token >= 'taylor'::text\) AND \(token < 'taylos'::text\)\)"/);
    for (const plan of plans) {
      expect(plan).not.toMatch(/"Node Type":"Seq Scan"/);
    }
    // The unfiltered list and the dense filter read children in name order from children_sort.
    expect(plans.some((p) => p.includes('"Index Name":"children_sort"'))).toBe(true);
  });
});
