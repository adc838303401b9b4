import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, linkChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent } from '../support/accounts.js';
import { eicar } from '../support/clamd.js';
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

  async function staffAgent(slug = 'leicester', host = HOST): Promise<Agent> {
    const staff = await createStaff(t, slug);
    const agent: Agent = request.agent(t.app.callback());
    const page = await agent.get('/backoffice/sign-in').set('Host', host);
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    await agent.post('/backoffice/sign-in').set('Host', host).type('form').send({ _csrf: csrf, email: staff.email, password: staff.password });
    const done = await agent.post('/backoffice/sign-in/code').set('Host', host).type('form').send({ _csrf: csrf, code: await emailedCode(t, staff.email) });
    expect(done.status).toBe(303);
    return agent;
  }

  async function share(agent: Agent, childId: string, fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }) {
    const page = await agent.get(`/backoffice/send/children/${childId}`).set('Host', HOST);
    const action = decode(page.text.match(/<form method="post" action="([^"]+\/documents\?_csrf(?:=|&#x3D;)[^"]+)" enctype="multipart\/form-data"/)![1]!);
    const { body, contentType } = multipartBody(fields, file);
    return agent.post(action).set('Host', HOST).set('Content-Type', contentType).send(body);
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
    expect(councilPage).toContain('Draft EHC plan : Draft EHC plan – Maya.pdf PDF, 168 B');
    expect(councilPage).toContain('checked, available to professionals');
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
});
