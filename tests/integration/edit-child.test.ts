import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, linkChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent } from '../support/accounts.js';
import { createStaff, emailedCode } from '../support/staff.js';

const VALE = 'vale.localhost';
const decode = (s: string) => s.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const errorSummary = (html: string) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => `${m[1]} ${decode(m[2]!)}`);

describe("a professional updates a child's details (Vale's home page promises it)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t.close());

  async function setUp() {
    const pro = await createProfessional(t, 'vale-of-glamorgan', { two_step: 'email' });
    const child = await inTenant(t.db.app, pro.tenant.id, async () => {
      const made = await createChild(
        {
          forename: 'Rhys',
          surname: 'Jonse',
          dateOfBirth: '2014-06-03',
          gender: 'male',
          school: 'Ysgol Sant Curig',
          address: { house_number: '12', house_name: null, building_name: null, street: 'Holton Road', district: null, town: 'Barry', county: null, postcode: 'CF63 4RU', country: null, uprn: null },
        },
        { staffId: '00000000-0000-4000-8000-000000000001' },
      );
      await linkChild(made.id, pro.account.id, 'council');
      return made;
    });
    const agent: Agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: VALE });
    return { pro, child, agent };
  }
  const get = (agent: Agent, path: string) => agent.get(path).set('Host', VALE);
  async function post(agent: Agent, path: string, fields: Record<string, string>) {
    const token = (await get(agent, path)).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    return agent.post(path).set('Host', VALE).type('form').send({ _csrf: token, ...fields });
  }
  const form = (overrides: Record<string, string> = {}) => ({
    forename: 'Rhys',
    surname: 'Jones',
    'dateOfBirth-day': '3',
    'dateOfBirth-month': '7',
    'dateOfBirth-year': '2014',
    gender: 'male',
    addressMode: 'manual',
    houseNumber: '14',
    street: 'Holton Road',
    town: 'Barry',
    postcode: 'cf63 4ru',
    school: 'Ysgol Gymraeg Bro Morgannwg',
    action: 'save',
    ...overrides,
  });

  it('opens the form filled in from the record, from the progress and check pages', async () => {
    const { child, agent } = await setUp();
    for (const page of [`/send/children/${child.id}`, `/send/children/${child.id}/confirm`]) {
      expect((await get(agent, page)).text, page).toContain(`<a class="govuk-link" href="/send/children/${child.id}/edit">Update details<span class="govuk-visually-hidden"> of `);
    }
    const edit = await get(agent, `/send/children/${child.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.headers['cache-control'] ?? '').not.toContain('public');
    expect(text(edit.text)).toContain("Update the child or young person's details");
    for (const value of ['value="Rhys"', 'value="Jonse"', 'value="Holton Road"', 'value="Ysgol Sant Curig"', 'value="CF63 4RU"']) expect(edit.text).toContain(value);
    expect(edit.text).toMatch(/name="dateOfBirth-day"[^>]*value="3"/);
    expect(edit.text).toMatch(/name="dateOfBirth-month"[^>]*value="6"/);
    expect(edit.text).toMatch(/name="dateOfBirth-year"[^>]*value="2014"/);
    expect(edit.text).toContain(`action="/send/children/${child.id}/edit"`);
  });

  it("saves the changes, for the council too, with an audit entry of what changed", async () => {
    const { pro, child, agent } = await setUp();
    const saved = await post(agent, `/send/children/${child.id}/edit`, form());
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/send/children/${child.id}`);
    const row = await t.db.platform('children').where({ id: child.id }).first();
    expect(row).toMatchObject({ forename: 'Rhys', surname: 'Jones', house_number: '14', postcode: 'CF63 4RU', school: 'Ysgol Gymraeg Bro Morgannwg' });
    expect((await t.db.platform.raw(`select to_char(date_of_birth, 'YYYY-MM-DD') as d from children where id = ?`, [child.id])).rows[0].d).toBe('2014-07-03');
    const progress = text((await get(agent, `/send/children/${child.id}`)).text);
    expect(progress).toContain("The child or young person's details have been updated.");
    expect(progress).toContain('Rhys Jones');

    const [entry] = await t.db.platform('audit_log').where({ tenant_id: pro.tenant.id, action: 'child.details-changed', subject_id: child.id });
    expect(entry.actor_id).toBe(pro.account.id);
    expect(Object.keys(entry.details.changes).sort()).toEqual(['date_of_birth', 'house_number', 'school', 'surname']);
    expect(entry.details.changes.surname).toEqual({ from: 'Jonse', to: 'Jones' });

    // The council's back office shows the new details.
    const staff = await createStaff(t, 'vale-of-glamorgan');
    const s = request.agent(t.app.callback());
    const signIn = await s.get('/backoffice/sign-in').set('Host', VALE);
    const csrf = signIn.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    await s.post('/backoffice/sign-in').set('Host', VALE).type('form').send({ _csrf: csrf, email: staff.email, password: staff.password });
    await s.post('/backoffice/sign-in/code').set('Host', VALE).type('form').send({ _csrf: csrf, code: await emailedCode(t, staff.email) });
    const councilView = text((await s.get(`/backoffice/send/children/${child.id}`).set('Host', VALE)).text);
    expect(councilView).toContain('Jones');
    expect(councilView).toContain('Ysgol Gymraeg Bro Morgannwg');
    expect(councilView).not.toContain('Jonse');

    // Saving the same details again changes nothing and says so.
    expect((await post(agent, `/send/children/${child.id}/edit`, form())).status).toBe(303);
    expect(text((await get(agent, `/send/children/${child.id}`)).text)).toContain('Nothing was changed');
    expect(await t.db.platform('audit_log').where({ action: 'child.details-changed', subject_id: child.id })).toHaveLength(1);
  });

  it('refuses bad details with the GOV.UK error pattern, keeps what was typed and stores nothing, in Welsh too', async () => {
    const { child, agent } = await setUp();
    const bad = await post(agent, `/send/children/${child.id}/edit`, form({ forename: '', 'dateOfBirth-month': '13', school: 'Ysgol Newydd' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Error: Update the child');
    expect(errorSummary(bad.text).map((e) => e.split(' ')[0])).toEqual(['#forename', '#dateOfBirth']);
    expect(bad.text).toContain('value="Ysgol Newydd"');
    expect(await t.db.platform('children').where({ id: child.id }).first()).toMatchObject({ forename: 'Rhys', surname: 'Jonse', school: 'Ysgol Sant Curig' });

    await get(agent, '/?lang=cy');
    const welsh = await get(agent, `/send/children/${child.id}/edit`);
    expect(text(welsh.text)).toContain("Diweddaru manylion y plentyn neu'r person ifanc");
    expect(text(welsh.text)).toContain("Cadw'r newidiadau");
    const welshBad = await post(agent, `/send/children/${child.id}/edit`, form({ surname: '' }));
    expect(welshBad.status).toBe(400);
    expect(welshBad.text).toContain('<html lang="cy"');
  });
});
