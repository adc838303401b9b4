import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, linkChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent } from '../support/accounts.js';
import { eicar } from '../support/clamd.js';
import { createStaffAccount } from '../../src/accounts/staff/staff-accounts.js';
import type { StaffRole } from '../../src/access/actor.js';
import { createStaff, emailedCode } from '../support/staff.js';
import { multipartBody, pdf } from '../support/uploads.js';

const HOST = 'leicester.localhost';
const decode = (s: string) => s.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const errorSummary = (html: string) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => `${m[1]} ${decode(m[2]!)}`);

/** Leicester's "instant access to draft or final EHC plans and other related documents": shared by staff, downloaded by linked professionals. */
describe('documents from the council', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function staffAgent(slug = 'leicester', host = HOST, who: { forename?: string; surname?: string; roles?: StaffRole[] } = {}): Promise<Agent> {
    const staff = who.roles
      ? await createStaffAccount(t.db.platform, { tenant: slug, email: `staff.${Math.random().toString(16).slice(2, 10)}@council.example`, forename: 'Sam', surname: 'Staff', roles: who.roles })
      : await createStaff(t, slug, who);
    const agent: Agent = request.agent(t.app.callback());
    const page = await agent.get('/backoffice/sign-in').set('Host', host);
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    await agent.post('/backoffice/sign-in').set('Host', host).type('form').send({ _csrf: csrf, email: staff.email, password: staff.password });
    const done = await agent.post('/backoffice/sign-in/code').set('Host', host).type('form').send({ _csrf: csrf, code: await emailedCode(t, staff.email) });
    expect(done.status).toBe(303);
    return agent;
  }

  async function share(agent: Agent, childId: string, fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }, host = HOST) {
    const page = await agent.get(`/backoffice/send/children/${childId}`).set('Host', host);
    const action = decode(page.text.match(/<form method="post" action="([^"]+\/documents\?_csrf(?:=|&#x3D;)[^"]+)" enctype="multipart\/form-data"/)![1]!);
    const { body, contentType } = multipartBody(fields, file);
    return agent.post(action).set('Host', host).set('Content-Type', contentType).send(body);
  }

  it('staff share a draft EHC plan; linked professionals see and download it (audited); others get 404', async () => {
    const linked = await createProfessional(t, 'leicester', { two_step: 'email' });
    const other = await createProfessional(t, 'leicester', { two_step: 'email' });
    const child = await inTenant(t.db.app, linked.tenant.id, async () => {
      const made = await createChild(
        { forename: 'Maya', surname: 'Patel', dateOfBirth: '2012-09-14', gender: 'female', school: 'Babington Academy', address: {} as never },
        { staffId: '00000000-0000-4000-8000-000000000001' },
      );
      await linkChild(made.id, linked.account.id, 'council');
      return made;
    });
    const staff = await staffAgent();

    // Nothing chosen: the GOV.UK error pattern, nothing stored.
    const refused = await share(staff, child.id, {}, { name: 'plan.pdf', data: pdf('Draft plan') });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused.text)).toEqual(['#description Select what the document is']);
    expect(await t.db.platform('uploads').where({ child_id: child.id })).toHaveLength(0);

    // A virus: refused and audited, nothing kept.
    const virus = await share(staff, child.id, { description: 'final-ehc-plan' }, { name: 'plan.pdf', data: eicar() });
    expect(errorSummary(virus.text)).toEqual(['#file The selected file contains a virus and has been deleted']);
    expect(await t.db.platform('uploads').where({ child_id: child.id })).toHaveLength(0);

    const shared = await share(staff, child.id, { description: 'draft-ehc-plan' }, { name: 'Draft EHC plan – Maya.pdf', data: pdf('Draft EHC plan for Maya') });
    expect(shared.status).toBe(303);
    const [row] = await t.db.platform('uploads').where({ child_id: child.id });
    expect(row).toMatchObject({ status: 'clean', description: 'draft-ehc-plan', response_id: null, media_type: 'application/pdf' });
    const councilPage = text((await staff.get(`/backoffice/send/children/${child.id}`).set('Host', HOST)).text);
    expect(councilPage).toContain('Draft EHC plan – Maya.pdf has been shared with the professionals linked to Maya Patel.');
    expect(councilPage).toMatch(/Draft EHC plan – Maya\.pdf PDF, \d+ B Draft EHC plan \d+ \w+ \d{4} by Sam Staff Ready Remove Draft EHC plan – Maya\.pdf/);
    expect((await t.db.platform('audit_log').where({ action: 'council-document.shared', subject_id: row.id })).length).toBe(1);

    // The linked professional: listed under "Documents from the council", downloaded, audited.
    const pro: Agent = request.agent(t.app.callback());
    await signInAs(t, pro, linked.email, linked.password, { host: HOST });
    const progress = await pro.get(`/send/children/${child.id}`).set('Host', HOST);
    expect(text(progress.text)).toContain('Documents from the council');
    const href = `/send/children/${child.id}/documents/${row.id}`;
    expect(progress.text).toContain(`href="${href}"`);
    expect(text(progress.text)).toMatch(/Draft EHC plan : Draft EHC plan – Maya\.pdf PDF, \d+ B, shared on \d+ \w+ \d{4}/);
    const download = await pro.get(href).set('Host', HOST).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['cache-control']).toBe('no-store');
    expect((download.body as Buffer).toString('latin1')).toContain('Draft EHC plan for Maya');
    const [audited] = await t.db.platform('audit_log').where({ action: 'council-document.downloaded', subject_id: row.id });
    expect(audited.actor_id).toBe(linked.account.id);

    // Anyone else: 404, and nothing audited for them.
    const stranger: Agent = request.agent(t.app.callback());
    await signInAs(t, stranger, other.email, other.password, { host: HOST });
    expect((await stranger.get(href).set('Host', HOST)).status).toBe(404);
    expect((await stranger.get(`/send/children/${child.id}`).set('Host', HOST)).status).toBe(404);
    expect(await t.db.platform('audit_log').where({ action: 'council-document.downloaded', subject_id: row.id })).toHaveLength(1);

    // A document still waiting for its scan is not offered.
    await t.db.platform('uploads').where({ id: row.id }).update({ status: 'pending' });
    expect((await pro.get(href).set('Host', HOST)).status).toBe(404);
    expect((await pro.get(`/send/children/${child.id}`).set('Host', HOST)).text).not.toContain(href);
  });

  /** A Leicester child linked to a new professional, who is signed in. */
  async function linkedChild(forename: string, surname: string) {
    const linked = await createProfessional(t, 'leicester', { two_step: 'email' });
    const child = await inTenant(t.db.app, linked.tenant.id, async () => {
      const made = await createChild(
        { forename, surname, dateOfBirth: '2011-05-06', gender: 'male', school: null, address: {} as never },
        { staffId: '00000000-0000-4000-8000-000000000001' },
      );
      await linkChild(made.id, linked.account.id, 'council');
      return made;
    });
    const pro: Agent = request.agent(t.app.callback());
    await signInAs(t, pro, linked.email, linked.password, { host: HOST });
    return { child, pro, linked };
  }

  const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1]!;
  const binary = (res: request.Request) =>
    res.buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });

  it('staff see what they shared with its scan status, re-open clean files (audited) and remove one after confirming (audited, bytes gone after the commit)', async () => {
    const { child, pro, linked } = await linkedChild('Leo', 'Novak');
    const staff = await staffAgent('leicester', HOST, { forename: 'Priya', surname: 'Mistry' });
    const staffRow = await t.db.platform('accounts').where({ kind: 'staff', forename: 'Priya', surname: 'Mistry' }).orderBy('created_at', 'desc').first();
    expect((await share(staff, child.id, { description: 'final-ehc-plan' }, { name: 'Final plan – Leo.pdf', data: pdf('Final EHC plan for Leo') })).status).toBe(303);
    expect((await share(staff, child.id, { description: 'other', otherDescription: 'Annual review report' }, { name: 'review.pdf', data: pdf('Review for Leo') })).status).toBe(303);
    const plan = await t.db.platform('uploads').where({ child_id: child.id, file_name: 'Final plan – Leo.pdf' }).first();
    const review = await t.db.platform('uploads').where({ child_id: child.id, file_name: 'review.pdf' }).first();
    const documentHref = (id: string) => `/backoffice/send/children/${child.id}/documents/${id}`;

    // The list: file, type and size, what it is, when and by whom, and the scan status; a download link for clean files only.
    await t.db.platform('uploads').where({ id: review.id }).update({ status: 'pending' });
    let page = await staff.get(`/backoffice/send/children/${child.id}`).set('Host', HOST);
    expect(text(page.text)).toMatch(/Final plan – Leo\.pdf PDF, \d+ B Final EHC plan \d+ \w+ \d{4} by Priya Mistry Ready Remove Final plan – Leo\.pdf/);
    expect(text(page.text)).toMatch(/review\.pdf PDF, \d+ B Annual review report \d+ \w+ \d{4} by Priya Mistry Waiting for virus scan Remove review\.pdf/);
    expect(page.text).toContain(`href="${documentHref(plan.id)}/download"`);
    expect(page.text).not.toContain(`href="${documentHref(review.id)}/download"`);
    expect(page.text).toContain(`href="${documentHref(review.id)}/remove"`);
    expect((await staff.get(`${documentHref(review.id)}/download`).set('Host', HOST)).status).toBe(404);
    await t.db.platform('uploads').where({ id: review.id }).update({ status: 'infected' });
    expect(text((await staff.get(`/backoffice/send/children/${child.id}`).set('Host', HOST)).text)).toContain('Annual review report');
    expect(text((await staff.get(`/backoffice/send/children/${child.id}`).set('Host', HOST)).text)).toMatch(/by Priya Mistry Failed virus scan Remove review\.pdf/);

    // Staff re-open the clean file: private, and audited as theirs.
    const download = await binary(staff.get(`${documentHref(plan.id)}/download`).set('Host', HOST));
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Final%20plan%20%E2%80%93%20Leo.pdf");
    expect((download.body as Buffer).toString('latin1')).toContain('Final EHC plan for Leo');
    const downloads = await t.db.platform('audit_log').where({ action: 'council-document.downloaded', subject_id: plan.id });
    expect(downloads.map((a) => [a.actor_type, a.actor_id])).toEqual([['staff', staffRow.id]]);

    // The professional downloads it too, for now.
    const proHref = `/send/children/${child.id}/documents/${plan.id}`;
    expect((await pro.get(proHref).set('Host', HOST)).status).toBe(200);

    // Remove asks first: nothing is removed by looking at the question.
    const confirm = await staff.get(`${documentHref(plan.id)}/remove`).set('Host', HOST);
    expect(confirm.status).toBe(200);
    expect(text(confirm.text)).toContain('Are you sure you want to remove Final plan – Leo.pdf?');
    expect(text(confirm.text)).toContain('Professionals will no longer see it.');
    expect(confirm.headers['cache-control']).toContain('no-store');
    expect(await t.db.platform('uploads').where({ id: plan.id }).first()).toMatchObject({ deleted_at: null });
    expect(await t.services.storage.exists(linked.tenant.id, plan.storage_key)).toBe(true);

    // Without the form's CSRF token: refused, nothing removed.
    expect((await staff.post(`${documentHref(plan.id)}/remove`).set('Host', HOST).type('form').send({})).status).toBe(403);
    expect(await t.db.platform('uploads').where({ id: plan.id }).first()).toMatchObject({ deleted_at: null });

    const removed = await staff.post(`${documentHref(plan.id)}/remove`).set('Host', HOST).type('form').send({ _csrf: csrfOf(confirm.text) });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe(`/backoffice/send/children/${child.id}`);
    // The response is sent after the commit, and the bytes go after the commit.
    expect((await t.db.platform('uploads').where({ id: plan.id }).first()).deleted_at).not.toBeNull();
    expect(await t.services.storage.exists(linked.tenant.id, plan.storage_key)).toBe(false);
    const [audited] = await t.db.platform('audit_log').where({ action: 'council-document.removed', subject_id: plan.id });
    expect(audited).toMatchObject({ actor_type: 'staff', actor_id: staffRow.id, details: { childId: child.id, fileName: 'Final plan – Leo.pdf' } });

    page = await staff.get(`/backoffice/send/children/${child.id}`).set('Host', HOST);
    expect(text(page.text)).toContain('Final plan – Leo.pdf has been removed. Professionals can no longer see or download it.');
    expect(page.text).not.toContain(documentHref(plan.id));
    expect(text(page.text)).toContain('review.pdf');

    // Gone for everyone: the professional's list and download, staff's download and remove.
    expect((await pro.get(proHref).set('Host', HOST)).status).toBe(404);
    expect((await pro.get(`/send/children/${child.id}`).set('Host', HOST)).text).not.toContain(plan.id);
    expect((await staff.get(`${documentHref(plan.id)}/download`).set('Host', HOST)).status).toBe(404);
    expect((await staff.get(`${documentHref(plan.id)}/remove`).set('Host', HOST)).status).toBe(404);
    expect((await staff.post(`${documentHref(plan.id)}/remove`).set('Host', HOST).type('form').send({ _csrf: csrfOf(confirm.text) })).status).toBe(404);
    expect(await t.db.platform('audit_log').where({ action: 'council-document.removed', subject_id: plan.id })).toHaveLength(1);
  });

  it('staff of another council, and staff who are not SEND officers, cannot see, download or remove a shared document', async () => {
    const { child, linked } = await linkedChild('Zain', 'Ahmed');
    expect((await share(await staffAgent(), child.id, { description: 'draft-ehc-plan' }, { name: 'draft.pdf', data: pdf('Draft for Zain') })).status).toBe(303);
    const row = await t.db.platform('uploads').where({ child_id: child.id }).first();
    const path = `/backoffice/send/children/${child.id}/documents/${row.id}`;

    const redcar = await staffAgent('redcar-and-cleveland', 'redcar.localhost');
    const redcarToken = csrfOf((await redcar.get('/backoffice').set('Host', 'redcar.localhost')).text);
    expect((await redcar.get(`${path}/download`).set('Host', 'redcar.localhost')).status).toBe(404);
    expect((await redcar.get(`${path}/remove`).set('Host', 'redcar.localhost')).status).toBe(404);
    expect((await redcar.post(`${path}/remove`).set('Host', 'redcar.localhost').type('form').send({ _csrf: redcarToken })).status).toBe(404);

    const intake = await staffAgent('leicester', HOST, { roles: ['social-care-intake', 'council-admin'] });
    const intakeToken = csrfOf((await intake.get('/backoffice').set('Host', HOST)).text);
    expect((await intake.get(`${path}/download`).set('Host', HOST)).status).toBe(403);
    expect((await intake.get(`${path}/remove`).set('Host', HOST)).status).toBe(403);
    expect((await intake.post(`${path}/remove`).set('Host', HOST).type('form').send({ _csrf: intakeToken })).status).toBe(403);

    expect(await t.db.platform('uploads').where({ id: row.id }).first()).toMatchObject({ deleted_at: null, status: 'clean' });
    expect(await t.services.storage.exists(linked.tenant.id, row.storage_key)).toBe(true);
    expect(await t.db.platform('audit_log').whereIn('action', ['council-document.removed', 'council-document.downloaded']).where({ subject_id: row.id })).toHaveLength(0);
  });

  it('a child the council has shared documents about cannot be deleted by the professional who added them', async () => {
    const pro = await createProfessional(t, 'leicester', { two_step: 'email' });
    const child = await inTenant(t.db.app, pro.tenant.id, () =>
      createChild({ forename: 'Ruby', surname: 'Shah', dateOfBirth: '2013-04-02', gender: 'female', school: null, address: {} as never }, { accountId: pro.account.id }),
    );
    expect((await share(await staffAgent(), child.id, { description: 'other', otherDescription: 'Annual review report' }, { name: 'review.pdf', data: pdf('Review') })).status).toBe(303);
    const agent: Agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: HOST });
    const list = await agent.get('/send').set('Host', HOST);
    const token = list.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const refused = await agent.post('/send/people').set('Host', HOST).type('form').send({ _csrf: token, view: 'active', filter: '', page: '1', action: 'delete', children: child.id });
    expect(refused.status).toBe(400);
    expect(text(refused.text)).toContain('You cannot delete Shah, Ruby: the council has shared documents about them.');
    expect(await t.db.platform('children').where({ id: child.id }).first()).toBeDefined();
    // The professional sees the document under its typed description.
    expect(text((await agent.get(`/send/children/${child.id}`).set('Host', HOST)).text)).toContain('Annual review report : review.pdf');

    // Once the council has removed it (shared by mistake), the rule follows: the professional may delete the record.
    const [document] = await t.db.platform('uploads').where({ child_id: child.id });
    const staff = await staffAgent();
    const remove = `/backoffice/send/children/${child.id}/documents/${document.id}/remove`;
    const confirm = await staff.get(remove).set('Host', HOST);
    expect((await staff.post(remove).set('Host', HOST).type('form').send({ _csrf: csrfOf(confirm.text) })).status).toBe(303);
    const asked = await agent.post('/send/people').set('Host', HOST).type('form').send({ _csrf: token, view: 'active', filter: '', page: '1', action: 'delete', children: child.id });
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toContain('/send/people/delete?');
    const deleted = await agent.post('/send/people/delete').set('Host', HOST).type('form').send({ _csrf: token, view: 'active', filter: '', page: '1', children: child.id });
    expect(deleted.status).toBe(303);
    expect(await t.db.platform('children').where({ id: child.id }).first()).toBeUndefined();
  });

  it('says when nothing has been shared, in Welsh too', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', { two_step: 'email' });
    const child = await inTenant(t.db.app, pro.tenant.id, () =>
      createChild({ forename: 'Osian', surname: 'Rees', dateOfBirth: '2014-01-20', gender: 'male', school: null, address: {} as never }, { accountId: pro.account.id }),
    );
    const agent: Agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: 'vale.localhost' });
    expect(text((await agent.get(`/send/children/${child.id}`).set('Host', 'vale.localhost')).text)).toContain('The council has not shared any documents about this child or young person with you yet.');
    await agent.get('/?lang=cy').set('Host', 'vale.localhost');
    const welsh = text((await agent.get(`/send/children/${child.id}`).set('Host', 'vale.localhost')).text);
    expect(welsh).toContain('Dogfennau gan y cyngor');
    expect(welsh).toContain("Nid yw'r cyngor wedi rhannu unrhyw ddogfennau");
  });

  it('lists, confirms and removes in Welsh for a bilingual council', async () => {
    const VALE = 'vale.localhost';
    const pro = await createProfessional(t, 'vale-of-glamorgan', { two_step: 'email' });
    const child = await inTenant(t.db.app, pro.tenant.id, async () => {
      const made = await createChild({ forename: 'Cerys', surname: 'Jones', dateOfBirth: '2013-02-11', gender: 'female', school: null, address: {} as never }, { staffId: '00000000-0000-4000-8000-000000000001' });
      await linkChild(made.id, pro.account.id, 'council');
      return made;
    });
    const staff = await staffAgent('vale-of-glamorgan', VALE, { forename: 'Gwen', surname: 'Morgan' });
    await staff.get('/backoffice?lang=cy').set('Host', VALE);
    expect((await share(staff, child.id, { description: 'final-ehc-plan' }, { name: 'cynllun.pdf', data: pdf('Cynllun') }, VALE)).status).toBe(303);
    const row = await t.db.platform('uploads').where({ child_id: child.id }).first();
    const page = text((await staff.get(`/backoffice/send/children/${child.id}`).set('Host', VALE)).text);
    expect(page).toContain('Dogfennau a rannwyd â gweithwyr proffesiynol');
    expect(page).toMatch(/cynllun\.pdf PDF, \d+ B .+ gan Gwen Morgan Yn barod Tynnu cynllun\.pdf/);
    const remove = `/backoffice/send/children/${child.id}/documents/${row.id}/remove`;
    const confirm = await staff.get(remove).set('Host', VALE);
    expect(text(confirm.text)).toContain("Ydych chi'n siŵr eich bod am dynnu cynllun.pdf?");
    expect(text(confirm.text)).toContain('Ni fydd gweithwyr proffesiynol yn ei gweld mwyach.');
    expect((await staff.post(remove).set('Host', VALE).type('form').send({ _csrf: csrfOf(confirm.text) })).status).toBe(303);
    const after = text((await staff.get(`/backoffice/send/children/${child.id}`).set('Host', VALE)).text);
    expect(after).toContain("Mae cynllun.pdf wedi'i thynnu.");
    expect(after).toContain("Nid oes unrhyw ddogfennau wedi'u rhannu eto.");
  });
});
