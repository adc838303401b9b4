import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { translator } from '../../src/i18n/index.js';
import { MAX_BYTES } from '../../src/uploads/receive.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { cookieHeaderOf, createProfessional, signInAs, type Agent, type Professional } from '../support/accounts.js';
import { createDraftResponse, multipartBody, pdf, type DraftResponse } from '../support/uploads.js';

const VALE = 'vale.localhost';
const en = translator('en');

/** An anonymous visitor with the CSRF cookie and token of a form page. */
async function visitor(t: TestApp, host: string, firstPage = '/sign-in') {
  const agent = request.agent(t.app.callback());
  const page = await agent.get(firstPage).set('Host', host);
  const token = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`No CSRF token on ${firstPage}: ${page.status}`);
  return { agent, token, post: (url: string, body: Record<string, string>) => agent.post(url).set('Host', host).type('form').send({ _csrf: token, ...body }) };
}

interface RawAnswer {
  status: number;
  body: string;
  /** Bytes of the body written before the answer came (or the connection closed). */
  written: number;
}

/**
 * Sends `body` to a real listening server in 64 KiB pieces, as a browser uploads,
 * and stops writing as soon as an answer arrives or the connection closes.
 */
function rawPost(port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path, headers: { ...headers, 'content-length': String(body.length) } });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), written }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const writeMore = () => {
      while (!answered && written < body.length) {
        const piece = body.subarray(written, written + 65_536);
        written += piece.length;
        if (!req.write(piece)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!answered) req.end();
    };
    writeMore();
  });
}

const noStackTrace = (body: string) => expect(body).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules|Error:/);

describe('one body layer for every route', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await buildTestApp({ BODY_TIMEOUT_SECONDS: '2' });
    await loadSampleAddressesIfEmpty(t.db.platform);
    port = await t.listen();
  });
  afterAll(() => t?.close());

  it('refuses a Content-Encoding it does not take with 415, broken or not, before CSRF and anonymously', async () => {
    const broken = await request(t.app.callback()).post('/sign-in').set('Host', VALE).set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send('email=a%40b.example&password=x');
    expect(broken.status).toBe(415);
    expect(broken.text).toContain(en('errors.415.title').replace(/'/g, '&#x27;'));
    noStackTrace(broken.text);

    const unknown = await request(t.app.callback()).post('/register').set('Host', VALE).set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'br2').send('email=a');
    expect(unknown.status).toBe(415);

    const gzip = zlib.gzipSync('email=a%40b.example&password=x');
    const real = await request(t.app.callback()).post('/sign-in').set('Host', VALE).set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send(gzip);
    expect(real.status).toBe(415);
  });

  it('refuses JSON and other body types with 415, and a form over 2 MiB with 413', async () => {
    const v = await visitor(t, VALE);
    const json = await v.agent.post('/sign-in').set('Host', VALE).set('Content-Type', 'application/json').send(JSON.stringify({ _csrf: v.token, email: 'a@b.example' }));
    expect(json.status).toBe(415);
    const huge = await v.post('/sign-in', { email: 'a@b.example', password: 'x'.repeat(2 * 1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain(en('errors.413.title'));
  });

  it('refuses NUL and other control characters with a 400 error summary, and accepts tab, CR and LF', async () => {
    const v = await visitor(t, VALE);
    for (const bad of ['\u0000', '\u0001', '\u001b', '\u0008']) {
      const res = await v.post('/sign-in', { email: `someone${bad}@school.example.org`, password: 'Anything-1' });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.text).toContain('class="govuk-error-summary"');
      expect(res.text).toContain(en('common.errorSummaryTitle'));
      expect(res.text).toContain(en('errors.controlCharacters.title'));
      noStackTrace(res.text);
    }
    // A field name too, and the query string.
    expect((await v.post('/sign-in', { 'em\u0000ail': 'x' })).status).toBe(400);
    expect((await v.agent.get('/sign-in?x=%00').set('Host', VALE)).status).toBe(400);
    // Ordinary white space is not refused: the sign-in page answers as usual (a wrong password here).
    const ok = await v.post('/sign-in', { email: 'someone@school.example.org\t\r\n', password: 'Anything-1' });
    expect(ok.status).toBeLessThan(500);
    expect(ok.text).not.toContain(en('errors.controlCharacters.title'));
    expect(ok.text).toContain('name="email"');
  });

  it('stores nothing from a registration step holding a NUL, and keeps the draft for the corrected step', async () => {
    const email = `nul.${Date.now()}@school.example.org`;
    const v = await visitor(t, VALE, '/register');
    const password = 'Holton-Road-42-Barry';
    expect((await v.post('/register', { email, emailConfirm: email, password, passwordConfirm: password, action: 'next' })).status).toBe(303);
    expect((await v.post('/register/about-you', { title: 'Ms', forename: 'Carys', surname: 'Evans', gender: 'female', action: 'next' })).status).toBe(303);
    const work = { role: 'SEN Co-ordinator (SENCO)', organisation: 'Barry Comprehensive', addressMode: 'find', postcode: 'cf63 4ru', searched: 'CF63 4RU', uprn: '64113001', action: 'submit' };
    const refused = await v.post('/register/work-details', { ...work, organisation: 'Barry\u0000Comprehensive' });
    expect(refused.status).toBe(400);
    const tenantId = t.registry.forHost(VALE)!.id;
    expect(await t.db.platform('accounts').where({ tenant_id: tenantId, email })).toHaveLength(0);
    const done = await v.post('/register/work-details', work);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/register/nearly-done');
    expect(await t.db.platform('accounts').where({ tenant_id: tenantId, email })).toHaveLength(1);
  });

  it('answers 408 to a form body that does not arrive in time, and closes the connection', async () => {
    const v = await visitor(t, VALE);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`POST /sign-in HTTP/1.1\r\nHost: ${VALE}\r\nCookie: ${cookieHeaderOf(v.agent)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n_csrf=${v.token}&email=`);
      });
      let text = '';
      socket.on('data', (d) => (text += d.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  describe('uploads', () => {
    let who: Professional;
    let agent: Agent;
    let token: string;
    let draft: DraftResponse;
    const rows = () => inTenant(t.db.app, who.tenant.id, async () => (await db())('uploads').where({ response_id: draft.responseId }));

    beforeAll(async () => {
      who = await createProfessional(t, 'leicester', { two_step: 'email' });
      agent = request.agent(t.app.callback());
      await signInAs(t, agent, who.email, who.password, { host: who.host });
      const home = await agent.get('/').set('Host', who.host);
      token = home.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
      draft = await createDraftResponse(t, who);
    });

    const send = (file: { name: string; data: Buffer }, fields: Record<string, string> = {}) => {
      const query = new URLSearchParams({ response: draft.responseId, question: 'documents', _csrf: token });
      const { body, contentType } = multipartBody({ back: '/', descriptionMode: 'list', description: 'Medical report', otherDescription: '', ...fields }, { ...file, type: 'application/pdf' });
      return rawPost(port, `/uploads?${query}`, { Host: who.host, Cookie: cookieHeaderOf(agent), 'Content-Type': contentType }, body);
    };

    it('accepts a file of exactly 10 MiB', async () => {
      const before = (await rows()).length;
      const answer = await send({ name: 'exactly.pdf', data: pdf('exactly ten mebibytes', MAX_BYTES) });
      expect(answer.status).toBe(303);
      const stored = await rows();
      expect(stored).toHaveLength(before + 1);
      expect(Number(stored.find((r) => r.file_name === 'exactly.pdf')?.size)).toBe(MAX_BYTES);
    });

    it('cuts off a file of 10 MiB and 1 byte with 413 as soon as the limit passes, keeping nothing', async () => {
      const before = (await rows()).length;
      const data = pdf('one byte too many', MAX_BYTES + 1);
      // Far more than the limit would be sent if the server read on.
      const big = Buffer.concat([data, Buffer.alloc(8 * 1024 * 1024, 32)]);
      const answer = await send({ name: 'big.pdf', data: big });
      expect(answer.status).toBe(413);
      expect(answer.body).toContain(en('errors.413.title'));
      expect(answer.written).toBeLessThan(big.length);
      expect(await rows()).toHaveLength(before);
    });

    it('refuses an upload declaring far more than the limit with 413, reading nothing', async () => {
      const body = Buffer.alloc(64 * 1024);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          const query = new URLSearchParams({ response: draft.responseId, question: 'documents', _csrf: token });
          socket.write(`POST /uploads?${query} HTTP/1.1\r\nHost: ${who.host}\r\nCookie: ${cookieHeaderOf(agent)}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${60 * 1024 * 1024}\r\n\r\n`);
          socket.write(body);
        });
        let text = '';
        socket.on('data', (d) => (text += d.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    });

    it('refuses a description or file name holding a NUL with 400, keeping nothing', async () => {
      const before = (await rows()).length;
      const inField = await send({ name: 'report.pdf', data: pdf('nul in the description') }, { description: 'other', otherDescription: 'Report\u0000' });
      expect(inField.status).toBe(400);
      expect(inField.body).toContain(en('errors.controlCharacters.title'));
      const inName = await send({ name: 'rep\u0001ort.pdf', data: pdf('nul in the name') });
      expect(inName.status).toBe(400);
      expect(await rows()).toHaveLength(before);
    });
  });

  it('answers 404, not 500, to unknown paths on the admin host', async () => {
    for (const path of ['/favicon.ico', '/robots.txt', '/no/such/page']) {
      const res = await request(t.app.callback()).get(path).set('Host', t.config.ADMIN_HOST);
      expect(res.status, path).toBe(404);
    }
  });
});
