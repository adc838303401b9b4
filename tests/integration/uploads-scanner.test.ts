import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { runJob } from '../../src/platform/jobs/scheduler.js';
import { scanPendingUploads, uploadScanJob } from '../../src/uploads/scan-job.js';
import { hasUnclearedUploads } from '../../src/uploads/service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent, type Professional } from '../support/accounts.js';
import { startClamd, type Clamd } from '../support/clamd.js';
import { createDraftResponse, mountDocumentsPage, pdf, type DraftResponse } from '../support/uploads.js';

/** A real PDF that this file's clamd knows as a virus: it passes every other check, so only the scan can catch it. */
const INFECTED_PDF = pdf('a PDF this clamd treats as infected');
const INFECTED_SIGNATURE = 'Portal-Test-Infected-PDF';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/**
 * clamd stopped in the middle of the work: this file runs a clamd of its own, so
 * that stopping it disturbs no other test file.
 */
describe('uploads while the virus scanner is down', () => {
  let clamd: Clamd;
  let t: TestApp;
  let who: Professional;
  let agent: Agent;
  let token: string;
  let draft: DraftResponse;

  const page = () => `/test-documents/${draft.responseId}`;
  const upload = (name: string, data: Buffer) =>
    agent
      .post(`/uploads?response=${draft.responseId}&question=documents&_csrf=${token}`)
      .set('Host', who.host)
      .field('back', page())
      .field('descriptionMode', 'list')
      .field('description', 'Medical report')
      .attach('file', data, name);
  const rows = () => inTenant(t.db.app, who.tenant.id, async () => (await db())('uploads').where({ response_id: draft.responseId }).orderBy('created_at'));
  const unscanned = () => inTenant(t.db.app, who.tenant.id, () => hasUnclearedUploads(draft.responseId));
  const documentsTable = async () => text((await agent.get(page()).set('Host', who.host)).text.match(/<table[\s\S]*?<\/table>/)?.[0] ?? '');
  const scanJob = () => runJob(t.db.platform, uploadScanJob(t.db.platform, t.services), new Date(), pino({ level: 'silent' }));

  beforeAll(async () => {
    clamd = await startClamd({ signatures: [{ name: INFECTED_SIGNATURE, data: INFECTED_PDF }] });
    t = await buildTestApp({ CLAMD_HOST: clamd.host, CLAMD_PORT: String(clamd.port) });
    mountDocumentsPage(t);
    who = await createProfessional(t, 'leicester', { two_step: 'email' });
    agent = request.agent(t.app.callback());
    await signInAs(t, agent, who.email, who.password, { host: who.host });
    token = (await agent.get('/').set('Host', who.host)).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    draft = await createDraftResponse(t, who);
  });
  afterAll(async () => {
    await t?.close();
    await clamd?.dispose();
  });

  it('starts quickly enough for a test run', () => {
    expect(clamd.startedInMs).toBeLessThan(10_000);
  });

  it('keeps a file as "Waiting for virus scan" while clamd is down; it cannot be downloaded and the form waits', async () => {
    await clamd.stop();
    const res = await upload('report.pdf', pdf('scanned later'));
    expect(res.status).toBe(303);
    const html = (await agent.get(res.headers.location!.split('#')[0]!).set('Host', who.host)).text;
    expect(text(html)).toContain('report.pdf has been uploaded and is waiting for a virus scan. You can submit the form once it has been scanned.');
    expect(await documentsTable()).toContain('report.pdf PDF');
    expect(await documentsTable()).toContain('Medical report Waiting for virus scan');
    // Not a link: nothing to download yet.
    expect(html).not.toMatch(/<a [^>]*href="\/uploads\/[^"]+\/download"/);

    const [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', scanned_at: null });
    expect((await agent.get(`/uploads/${row.id}/download`).set('Host', who.host)).status).toBe(404);
    expect(await unscanned()).toBe(true);

    // The job finds clamd still down and leaves the file waiting.
    expect(await scanPendingUploads(t.db.platform, t.services)).toEqual({ clean: 0, infected: 0, waiting: true });
    expect((await rows())[0]).toMatchObject({ status: 'pending' });
  });

  it('keeps even an infected file waiting, unreachable, until the scan', async () => {
    const res = await upload('infected.pdf', INFECTED_PDF);
    expect(res.status).toBe(303);
    const infected = (await rows()).find((r) => r.file_name === 'infected.pdf');
    expect(infected).toMatchObject({ status: 'pending' });
    expect((await agent.get(`/uploads/${infected.id}/download`).set('Host', who.host)).status).toBe(404);
  });

  it('scans the waiting files when clamd is back: the clean one becomes Ready, the infected one is deleted', async () => {
    await clamd.start();
    expect(await scanJob()).toBe(true);
    const [clean, infected] = await rows();
    expect(clean).toMatchObject({ file_name: 'report.pdf', status: 'clean', scan_result: 'OK' });
    expect(infected).toMatchObject({ file_name: 'infected.pdf', status: 'infected', scan_result: expect.stringContaining(INFECTED_SIGNATURE) });
    expect(existsSync(path.join(t.services.config.STORAGE_DIR, who.tenant.id, infected.storage_key))).toBe(false);
    expect(existsSync(path.join(t.services.config.STORAGE_DIR, who.tenant.id, clean.storage_key))).toBe(true);

    const table = await documentsTable();
    expect(table).toContain('report.pdf PDF');
    expect(table).toMatch(/report\.pdf PDF \S+ \S+ Medical report Ready/);
    expect(table).toContain('infected.pdf');
    expect(table).toContain('Virus found: file deleted');
    const download = await agent.get(`/uploads/${clean.id}/download`).set('Host', who.host);
    expect(download.status).toBe(200);
    expect((await agent.get(`/uploads/${infected.id}/download`).set('Host', who.host)).status).toBe(404);

    // Audited as the system: the scan and the virus with its name.
    const audit = await inTenant(t.db.app, who.tenant.id, async () => (await db())('audit_log').whereIn('action', ['upload.scanned', 'upload.infected']).orderBy('at'));
    expect(audit.map((a) => [a.action, a.actor_type, a.subject_id])).toEqual([
      ['upload.scanned', 'system', clean.id],
      ['upload.infected', 'system', infected.id],
    ]);
    expect(audit[1].details.virus).toContain(INFECTED_SIGNATURE);

    // The form still waits until the infected file is removed from the list.
    expect(await unscanned()).toBe(true);
    const del = await agent.post(`/uploads/${infected.id}/delete`).set('Host', who.host).type('form').send({ _csrf: token, back: page() });
    expect(del.status).toBe(303);
    expect(await unscanned()).toBe(false);
  });

  it('shares the queue between replicas: each waiting file is scanned once', async () => {
    await clamd.stop();
    for (let i = 0; i < 6; i++) expect((await upload(`letter-${i}.pdf`, pdf(`letter ${i}`))).status).toBe(303);
    await clamd.start();
    const runs = await Promise.all([scanPendingUploads(t.db.platform, t.services), scanPendingUploads(t.db.platform, t.services), scanPendingUploads(t.db.platform, t.services)]);
    expect(runs.reduce((sum, r) => sum + r.clean, 0)).toBe(6);
    const scanned = await inTenant(t.db.app, who.tenant.id, async () => (await db())('audit_log').where({ action: 'upload.scanned' }).whereRaw("details->>'fileName' like 'letter-%'"));
    expect(scanned).toHaveLength(6);
    expect(await unscanned()).toBe(false);
  });
});
