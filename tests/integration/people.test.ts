import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, linkChild, type NewChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';

const LEICESTER = 'leicester.localhost';

/** The fields of the Add child form, filled in well (the address typed in). */
const goodChild = (overrides: Record<string, string> = {}) => ({
  forename: 'August',
  surname: 'Apple',
  'dateOfBirth-day': '21',
  'dateOfBirth-month': '8',
  'dateOfBirth-year': '2014',
  gender: 'male',
  addressMode: 'manual',
  buildingName: 'New Parks House',
  street: 'Pindar Road',
  town: 'Leicester',
  postcode: 'le3 9rn',
  country: 'United Kingdom',
  school: 'Dovelands Primary School',
  action: 'save',
  ...overrides,
});

const record = (forename: string, surname: string, school = 'Dovelands Primary School'): NewChild => ({
  forename,
  surname,
  dateOfBirth: '2014-08-21',
  gender: 'female',
  school,
  address: { house_number: null, house_name: null, building_name: 'New Parks House', street: 'Pindar Road', district: null, town: 'Leicester', county: null, postcode: 'LE3 9RN', country: null, uprn: null },
});

describe('people: Select Person, children and links', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t.close());

  /** A professional with Two Step Verification, signed in through the real pages (password, then the emailed code). */
  async function signedIn(slug = 'leicester', host = LEICESTER) {
    const pro = await createProfessional(t, slug, { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const form = await formAgent(t, host);
    const started = await form.post('/sign-in', { email: pro.email, password: pro.password });
    expect(started.headers.location).toBe('/sign-in/code');
    const done = await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) });
    expect(done.status).toBe(303);
    return { pro, form };
  }

  /** A child made directly, as the professional (source 'added') or by the council (then linked). */
  function makeChild(pro: Professional, child: NewChild, by: 'professional' | 'council' = 'professional') {
    return inTenant(t.db.app, pro.tenantId, async () => {
      if (by === 'professional') return createChild(child, { accountId: pro.account.id });
      const made = await createChild(child, { staffId: '00000000-0000-4000-8000-000000000001' });
      await linkChild(made.id, pro.account.id, 'council');
      return made;
    });
  }

  /** Page text with the entities Handlebars writes in attributes read as a browser reads them. */
  const decoded = (res: { text: string }) => res.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const childCount = async () => Number((await t.db.platform('children').count({ n: '*' }).first())!.n);
  const linkOf = (accountId: string, childId: string) => t.db.platform('child_links').where({ account_id: accountId, child_id: childId }).first();

  it('shows Select Person with its introduction, the Person Filter and no records yet', async () => {
    const { form } = await signedIn();
    const page = await form.get('/send');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Select Person</h1>');
    expect(page.text).toContain('Children and young people will appear here if you have added them to your account or if the Local Authority has linked them to you.');
    expect(page.text).toContain('Person Filter');
    expect(page.text).toContain('Recent 18 months');
    expect(page.text).toContain('0 records found');
    expect(page.text).toContain('Add child / young person');
  });

  it('adds a child, linked to the professional, then asks to check their details', async () => {
    const { pro, form } = await signedIn();
    const res = await form.post('/send/children/new', goodChild());
    expect(res.status).toBe(303);
    const id = res.headers.location!.match(/^\/send\/children\/([0-9a-f-]{36})\/confirm$/)?.[1];
    expect(id).toBeDefined();
    const child = await t.db.platform('children').where({ id }).first();
    expect(child).toMatchObject({ forename: 'August', surname: 'Apple', postcode: 'LE3 9RN', school: 'Dovelands Primary School', created_by_account: pro.account.id });
    expect(await linkOf(pro.account.id, id!)).toMatchObject({ source: 'added', hidden_at: null });

    const confirm = await form.get(res.headers.location!);
    expect(confirm.text).toContain("Check the child or young person&#x27;s details");
    expect(confirm.text).toContain('Apple, August');
    expect(confirm.text).toContain('21/08/2014');
    expect(confirm.text).toContain('New Parks House<br>Pindar Road<br>Leicester<br>LE3 9RN');
    expect(confirm.text).toContain(`href="/send/children/${id}"`);

    const list = await form.get('/send');
    expect(list.text).toContain('1 record found');
    expect(list.text).toContain(`<a class="govuk-link" href="/send/children/${id}/confirm">Apple, August</a>`);
    const audited = await t.db.platform('audit_log').where({ subject_id: id }).pluck('action');
    expect(audited).toEqual(expect.arrayContaining(['child.added', 'child.linked', 'child.viewed']));
  });

  it('finds the home address by postcode and stores the chosen one', async () => {
    const { form } = await signedIn();
    const found = await form.post('/send/children/new', goodChild({ addressMode: 'find', postcode: 'LE3 9RN', action: 'find-address' }));
    expect(found.status).toBe(200);
    expect(found.text).toContain('2 addresses found for LE3 9RN');
    expect(found.text).toContain('value="August"');
    const saved = await form.post('/send/children/new', goodChild({ addressMode: 'find', postcode: 'LE3 9RN', searched: 'LE3 9RN', uprn: '2465010004', forename: 'Bea' }));
    expect(saved.status).toBe(303);
    const id = saved.headers.location!.split('/')[3];
    expect(await t.db.platform('children').where({ id }).first()).toMatchObject({ uprn: 2465010004, building_name: 'New Parks House', street: 'Pindar Road', town: 'Leicester' });
  });

  it('refuses impossible, future and missing dates and over-long names with messages, storing nothing', async () => {
    const { form } = await signedIn();
    const before = await childCount();
    const cases: [Record<string, string>, string, string][] = [
      [{ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2020' }, '#dateOfBirth', 'Date of birth must be a real date, like 21 8 2014'],
      [{ 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': String(new Date().getFullYear() + 1) }, '#dateOfBirth', 'Date of birth must be today or in the past'],
      [{ 'dateOfBirth-day': '', 'dateOfBirth-month': '8', 'dateOfBirth-year': '' }, '#dateOfBirth', 'Date of birth must include a day and year'],
      [{ 'dateOfBirth-year': '14' }, '#dateOfBirth', 'Year must include 4 numbers, like 2014'],
      [{ forename: 'A'.repeat(101) }, '#forename', 'Forename must be 100 characters or fewer'],
      [{ surname: 'B'.repeat(101) }, '#surname', 'Surname must be 100 characters or fewer'],
      [{ surname: '' }, '#surname', 'Enter the child or young person&#x27;s surname'],
      [{ gender: 'robot' }, '#gender', 'Select the child or young person&#x27;s gender'],
      [{ addressMode: 'find', postcode: '' }, '#postcode', 'Enter the postcode of the child or young person&#x27;s home address'],
      [{ school: 'S'.repeat(201) }, '#school', 'School or setting must be 200 characters or fewer'],
    ];
    for (const [fields, href, message] of cases) {
      const res = await form.post('/send/children/new', goodChild(fields));
      expect(res.status, message).toBe(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain(`<a href="${href}">${message}</a>`);
      expect(res.text).toContain('<title>Error: Add child / young person');
      // What was typed is kept.
      expect(res.text).toContain('school' in fields ? 'value="August"' : 'value="Dovelands Primary School"');
    }
    expect(await childCount()).toBe(before);
  });

  it('warns about a child with the same name and date of birth, then uses the existing record or adds anyway', async () => {
    const { pro, form } = await signedIn();
    const first = await form.post('/send/children/new', goodChild({ forename: 'Cara', surname: 'Berry' }));
    const existingId = first.headers.location!.split('/')[3];

    const again = await form.post('/send/children/new', goodChild({ forename: 'cara', surname: 'BERRY' }));
    expect(again.status).toBe(200);
    expect(again.text).toContain('You already have a child or young person with this name and date of birth');
    expect(again.text).toContain(`value="${existingId}"`);

    const unanswered = await form.post('/send/children/new', goodChild({ forename: 'cara', surname: 'BERRY', action: 'duplicate' }));
    expect(unanswered.status).toBe(400);
    expect(unanswered.text).toContain('Select whether to use the existing record or add a new one');

    const useExisting = await form.post('/send/children/new', goodChild({ forename: 'cara', surname: 'BERRY', action: 'duplicate', duplicateChoice: existingId! }));
    expect(useExisting.headers.location).toBe(`/send/children/${existingId}/confirm`);
    expect(await t.db.platform('children').where({ created_by_account: pro.account.id }).count({ n: '*' }).first()).toEqual({ n: 1 });

    const addAnyway = await form.post('/send/children/new', goodChild({ forename: 'Cara', surname: 'Berry', action: 'duplicate', duplicateChoice: 'new' }));
    expect(addAnyway.status).toBe(303);
    expect(addAnyway.headers.location).not.toContain(existingId);
    expect(await t.db.platform('children').where({ created_by_account: pro.account.id }).count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('never shows or acts on a child of another professional without a link, nor of another council (404, nothing changes)', async () => {
    const owner = await signedIn();
    const child = await makeChild(owner.pro, record('Dylan', 'Cherry'));
    const stranger = await signedIn();
    const elsewhere = await signedIn('vale-of-glamorgan', 'vale.localhost');

    for (const { form } of [stranger, elsewhere]) {
      expect((await form.get(`/send/children/${child.id}/confirm`)).status).toBe(404);
      expect((await form.get(`/send/people/delete?children=${child.id}`)).status).toBe(404);
      for (const action of ['hide', 'unhide', 'delete']) {
        expect((await form.post('/send/people', { action, children: child.id })).status).toBe(404);
      }
      expect((await form.post('/send/people/delete', { children: child.id })).status).toBe(404);
      const list = await form.get(`/send?filter=cherry`);
      expect(list.text).not.toContain('Cherry');
    }
    // Mixed with one of their own, the whole request is refused.
    const own = await makeChild(stranger.pro, record('Own', 'Child'));
    expect((await stranger.form.post('/send/people', { action: 'hide', children: [own.id, child.id] } as never)).status).toBe(404);
    expect((await linkOf(stranger.pro.account.id, own.id)).hidden_at).toBeNull();
    // Ids that are not ids at all are simply not found.
    expect((await stranger.form.get('/send/children/not-an-id/confirm')).status).toBe(404);
    expect((await stranger.form.post('/send/people', { action: 'hide', children: "x' or 1=1" })).status).toBe(404);

    expect(await t.db.platform('children').where({ id: child.id }).first()).toBeDefined();
    expect((await linkOf(owner.pro.account.id, child.id)).hidden_at).toBeNull();
    expect(await t.db.platform('child_links').where({ child_id: child.id }).count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('hides and unhides ticked records, with the Hidden and Recent 18 months views', async () => {
    const { pro, form } = await signedIn();
    const child = await makeChild(pro, record('Ella', 'Damson'));
    const none = await form.post('/send/people', { action: 'hide' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('<a href="#children">Select at least one person to hide</a>');
    expect(none.text).toContain('id="children"');

    const hidden = await form.post('/send/people', { action: 'hide', children: child.id, view: 'active' });
    expect(hidden.status).toBe(303);
    expect(hidden.headers.location).toBe('/send');
    const active = await form.get('/send');
    expect(active.text).toContain('1 record hidden');
    expect(active.text).not.toContain('Damson');
    const hiddenView = await form.get('/send?view=hidden');
    expect(hiddenView.text).toContain('Damson, Ella');
    expect(hiddenView.text).toContain('Unhide person');
    expect(hiddenView.text).not.toContain('Hide person');
    const recent = await form.get('/send?view=recent');
    expect(recent.text).toContain('Damson, Ella');

    const shown = await form.post('/send/people', { action: 'unhide', children: child.id, view: 'hidden' });
    expect(shown.headers.location).toBe('/send?view=hidden');
    expect((await form.get('/send')).text).toContain('Damson, Ella');
    const audited = await t.db.platform('audit_log').where({ subject_id: child.id }).pluck('action');
    expect(audited).toEqual(expect.arrayContaining(['child.hidden', 'child.unhidden']));

    // Recent 18 months: only children used (chosen) in that time, hidden or not.
    await t.db.platform('child_links').where({ child_id: child.id }).update({ last_used_at: t.db.platform.raw("now() - interval '19 months'") });
    expect((await form.get('/send?view=recent')).text).not.toContain('Damson, Ella');
    expect((await form.get(`/send/children/${child.id}/confirm`)).status).toBe(200);
    expect((await form.get('/send?view=recent')).text).toContain('Damson, Ella');
  });

  it('deletes only records the professional added and that hold no submitted form, after confirming', async () => {
    const { pro, form } = await signedIn();
    const mine = await makeChild(pro, record('Finn', 'Elder'));
    const linked = await makeChild(pro, record('Gwen', 'Fig'), 'council');
    const submitted = await makeChild(pro, record('Huw', 'Grape'));
    await inTenant(t.db.app, pro.tenantId, async () => {
      await (await db())('form_responses').insert({ form_id: 'professional-request', child_id: submitted.id, account_id: pro.account.id, status: 'submitted', submitted_at: new Date(), version: 1 });
    });

    for (const [child, message] of [
      [linked, 'You cannot delete Fig, Gwen: the Local Authority linked this record to you. You can hide it instead.'],
      [submitted, 'You cannot delete Grape, Huw: a form has been submitted for them. You can hide the record instead.'],
    ] as const) {
      const refused = await form.post('/send/people', { action: 'delete', children: [mine.id, child.id] } as never);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(message);
      expect(refused.text).toContain('Nothing has been deleted.');
      expect(await t.db.platform('children').whereIn('id', [mine.id, child.id]).count({ n: '*' }).first()).toEqual({ n: 2 });
      // Skipping the question does not help either.
      expect((await form.post('/send/people/delete', { children: [mine.id, child.id] } as never)).status).toBe(400);
      expect(await t.db.platform('children').whereIn('id', [mine.id, child.id]).count({ n: '*' }).first()).toEqual({ n: 2 });
    }

    const asked = await form.post('/send/people', { action: 'delete', children: mine.id });
    expect(asked.status).toBe(303);
    const question = await form.get(asked.headers.location!);
    expect(question.text).toContain('Are you sure you want to delete this record?');
    expect(question.text).toContain('Elder, Finn');
    const done = await form.post('/send/people/delete', { children: mine.id });
    expect(done.status).toBe(303);
    expect(await t.db.platform('children').where({ id: mine.id }).first()).toBeUndefined();
    expect((await form.get('/send')).text).toContain('1 record deleted.');
    expect(await t.db.platform('audit_log').where({ subject_id: mine.id, action: 'child.deleted' }).first()).toBeDefined();
  });

  it('filters by name, date of birth and school, and pages through 1,000 linked children', async () => {
    const { pro, form } = await signedIn();
    const children = Array.from({ length: 1000 }, (_, i) => ({
      tenant_id: pro.tenantId,
      forename: `Pupil`,
      surname: `Number${String(i).padStart(4, '0')}`,
      date_of_birth: `2015-01-${String((i % 28) + 1).padStart(2, '0')}`,
      school: i % 2 ? 'Odd Lane Academy' : 'Even Street School',
      created_by_account: pro.account.id,
    }));
    const ids: { id: string }[] = await t.db.platform('children').insert(children).returning('id');
    await t.db.platform('child_links').insert(ids.map(({ id }) => ({ tenant_id: pro.tenantId, child_id: id, account_id: pro.account.id, source: 'added' })));
    // What autovacuum does soon after a bulk load in service: fresh statistics for the planner.
    await t.db.owner.raw('analyze children, child_links');

    const timed = async (url: string) => {
      const started = Date.now();
      const res = await form.get(url);
      expect(Date.now() - started, url).toBeLessThan(2000);
      return res;
    };
    const first = await timed('/send');
    expect(first.text).toContain('1,000 records found');
    expect(first.text.match(/name="children" type="checkbox"/g)).toHaveLength(50);
    expect(first.text).toContain('Number0000, Pupil');
    expect(first.text).not.toContain('rel="prev"');
    // Pages start after the last child shown (keyset, no page numbers): walk to the end and back.
    const nextOf = (html: string) => decoded({ text: html }).match(/href="(\/send\?after=[^"]+)" rel="next"/)?.[1];
    const prevOf = (html: string) => decoded({ text: html }).match(/href="(\/send\?before=[^"]+)" rel="prev"/)?.[1];
    let page = first.text;
    const seen: string[] = [];
    for (let n = 1; n < 20; n++) {
      const next = nextOf(page);
      expect(next, `page ${n} links to the next`).toBeDefined();
      page = (await timed(next!)).text;
      seen.push(...(page.match(/Number\d{4}, Pupil/g) ?? []));
    }
    expect(page).toContain('Number0999, Pupil');
    expect(nextOf(page)).toBeUndefined();
    expect(new Set(seen).size).toBe(19 * 50);
    const back = (await timed(prevOf(page)!)).text;
    expect(back).toContain('Number0900, Pupil');
    expect(back).toContain('Number0949, Pupil');
    expect(back).not.toContain('Number0950, Pupil');
    // A position that is not one of this professional's children starts at the beginning.
    expect((await form.get('/send?after=00000000-0000-4000-8000-000000000000')).text).toContain('Number0000, Pupil');


    expect((await timed('/send?filter=number0123')).text).toContain('1 record found');
    expect((await form.get('/send?filter=Number0123%2C+Pupil')).text).toContain('1 record found');
    expect((await form.get('/send?filter=Pupil%2C+Number0123')).text).toContain('1 record found');
    expect((await form.get('/send?filter=odd+lane')).text).toContain('500 records found');
    const byDate = await form.get('/send?filter=3%2F1%2F2015');
    expect(byDate.text).toMatch(/3[56] records found/);
    expect(byDate.text).toContain('03/01/2015');
    const even = await form.get('/send?filter=even');
    expect(even.text).toContain('500 records found');
    const paged = await form.get(decoded(even).match(/href="(\/send\?filter=even&after=[^"]+)" rel="next"/)![1]!);
    expect(paged.text).toContain('500 records found');
    expect(paged.text).toContain('Number0100, Pupil');
    expect(decoded(paged)).toMatch(/href="\/send\?filter=even&after=[^"]+" rel="next"/);
    // Wildcards are searched for as text.
    expect((await form.get('/send?filter=%25')).text).toContain('0 records found');
    expect(await t.db.platform('audit_log').where({ actor_id: pro.account.id, action: 'people.filtered' }).first()).toBeDefined();
    // More than 1,000: the count stops.
    const more = Array.from({ length: 5 }, (_, i) => ({ ...children[0]!, surname: `Extra${i}` }));
    const moreIds: { id: string }[] = await t.db.platform('children').insert(more).returning('id');
    await t.db.platform('child_links').insert(moreIds.map(({ id }) => ({ tenant_id: pro.tenantId, child_id: id, account_id: pro.account.id, source: 'added' })));
    expect((await form.get('/send')).text).toContain('More than 1,000 records found');
    expect((await form.get('/send?filter=pupil')).text).toContain('More than 1,000 records found');
    expect((await form.get('/send?filter=extra')).text).toContain('5 records found');
  });

  it('is the SEND tile’s page, for professionals with the second step only', async () => {
    const pro = await createProfessional(t, 'leicester', SAM_TAYLOR_SENCO);
    const form = await formAgent(t, LEICESTER);
    await form.post('/sign-in', { email: pro.email, password: pro.password });
    const page = await form.get('/send');
    expect(page.status).toBe(403);
    expect(page.text).toContain('Two Step Verification Area');
    const signedOut = await formAgent(t, LEICESTER);
    const res = await signedOut.get('/send/children/new');
    expect(res.headers.location).toMatch(/^\/sign-in/);
  });
});
