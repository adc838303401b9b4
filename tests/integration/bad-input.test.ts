import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantRouters } from '../../src/app/routes.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { createDraft } from '../../src/forms/responses.js';
import { createChild } from '../../src/people/children.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createStaff } from '../support/staff.js';

/**
 * The bad-input corpus over every POST route of the route table: what an attacker
 * or a confused browser sends, as the anonymous visitor, the signed-in professional
 * (with their own ids, so the routes go deep) and council staff. No answer may be
 * a 500 or show a stack trace, and no script typed in comes back unescaped.
 */

const FORM = 'professional-request-ehc-assessment';
const HOST = 'leicester.localhost';
const SCRIPT = '<script>alert(1)</script>';

type Agent = Awaited<ReturnType<typeof formAgent>>;

interface Payload {
  label: string;
  /** The body as sent, from the page's field names and its CSRF token. */
  body: (fields: string[], token: string) => string | Buffer;
  type?: string;
  encoding?: string;
}

const form = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
/** Every field set to `value`, with the CSRF token. */
const every = (value: string) => (fields: string[], token: string) => form([['_csrf', token], ...fields.map((f): [string, string] => [f, value])]);

const PAYLOADS: Payload[] = [
  { label: 'empty fields', body: every('') },
  { label: 'no fields at all', body: (_f, token) => form([['_csrf', token]]) },
  { label: '100k characters', body: every('a'.repeat(100_000)) },
  { label: 'NUL', body: every('abc\u0000def') },
  { label: 'other C0 controls', body: every('a\u0001\u001b[31mb\u0008') },
  { label: 'RTL override', body: every('\u202Egnp.exe\u202C') },
  { label: 'emoji and combining marks', body: every('👩🏽‍🏫 Ŵ̷̛y͇n̸ 🏴󠁧󠁢󠁷󠁬󠁳󠁿') },
  { label: 'lone surrogate (percent-encoded)', body: (fields, token) => `_csrf=${encodeURIComponent(token)}&${fields.map((f) => `${encodeURIComponent(f)}=%ED%A0%80`).join('&')}` },
  { label: 'invalid UTF-8', body: (fields, token) => `_csrf=${encodeURIComponent(token)}&${fields.map((f) => `${encodeURIComponent(f)}=%FF%FE%C0`).join('&')}` },
  { label: 'broken percent-encoding', body: (fields, token) => `_csrf=${encodeURIComponent(token)}&${fields.map((f) => `${encodeURIComponent(f)}=%E0%A4%A`).join('&')}%` },
  { label: 'SQL', body: every("' OR '1'='1'; DROP TABLE accounts; --") },
  { label: 'HTML and script', body: every(`"><img src=x onerror=alert(1)>${SCRIPT}`) },
  { label: 'numbers out of range', body: every('-1e309') },
  { label: 'a UUID that is nobody', body: every('00000000-0000-0000-0000-000000000000') },
  { label: 'arrays (duplicated fields)', body: (fields, token) => form([['_csrf', token], ...fields.flatMap((f): [string, string][] => [[f, 'one'], [f, 'two']])]) },
  { label: 'bracket arrays', body: (fields, token) => form([['_csrf', token], ...fields.map((f): [string, string] => [`${f}[]`, 'x'])]) },
  { label: 'nested objects', body: (fields, token) => form([['_csrf', token], ...fields.map((f): [string, string] => [`${f}[a][b][c][d][e][f][g][h][i][j]`, 'x'])]) },
  { label: 'prototype keys', body: (_f, token) => form([['_csrf', token], ['__proto__[admin]', 'true'], ['constructor[prototype][admin]', 'true'], ['hasOwnProperty', 'x']]) },
  { label: 'duplicated CSRF token', body: (fields, token) => form([['_csrf', token], ['_csrf', 'other'], ...fields.map((f): [string, string] => [f, 'x'])]) },
  { label: 'JSON', body: (fields, token) => JSON.stringify({ _csrf: token, ...Object.fromEntries(fields.map((f) => [f, ['x', { $gt: '' }]])) }), type: 'application/json' },
  { label: 'gzip, really compressed', body: (fields, token) => zlib.gzipSync(every('x')(fields, token)), encoding: 'gzip' },
  { label: 'gzip header, plain body', body: every('x'), encoding: 'gzip' },
  { label: 'deflate header, garbage body', body: () => Buffer.from([0xff, 0x00, 0x13, 0x37]), encoding: 'deflate' },
  { label: 'broken multipart', body: () => '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nhalf', type: 'multipart/form-data; boundary=XyZ' },
  { label: 'multipart without a boundary', body: () => 'whatever', type: 'multipart/form-data' },
  { label: 'text/plain', body: every('x'), type: 'text/plain' },
  { label: 'XML', body: () => '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', type: 'application/xml' },
];

/** Ids in a path: the professional's own (deep), then bad ones. */
const BAD_IDS = ['not-a-uuid', "1'%20OR%20'1'='1", 'a'.repeat(500), '%2e%2e%2f%2e%2e%2fetc', '00000000-0000-0000-0000-000000000000'];

interface Route {
  path: string;
  /** The route has a GET page at the same path (its form's field names are read from it). */
  hasPage: boolean;
}

function postRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const router of tenantRouters(t.services)) {
    const stack = (router as unknown as { stack: { path: string; methods: string[] }[] }).stack;
    for (const layer of stack) {
      if (!layer.methods.includes('POST')) continue;
      routes.push({ path: layer.path, hasPage: stack.some((l) => l.path === layer.path && l.methods.includes('GET')) });
    }
  }
  // What ends a session or an account goes last.
  const last = (p: string) => /sign-out|close-account|delete|remove|unlink/.test(p);
  return [...routes.filter((r) => !last(r.path)), ...routes.filter((r) => last(r.path))];
}

const GENERIC_FIELDS = ['email', 'password', 'code', 'action', 'reason', 'value', 'id', 'back'];

/** The names of a page's form fields (fallback: a generic set). */
async function fieldsOf(agent: Agent, path: string): Promise<string[]> {
  const page = await agent.get(path);
  const names = new Set([...page.text.matchAll(/name="([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== '_csrf' && n !== 'viewport'));
  return names.size ? [...names].slice(0, 40) : GENERIC_FIELDS;
}

interface Finding {
  route: string;
  payload: string;
  status: number;
  problem: string;
}

async function signedIn(t: TestApp, pro: Professional): Promise<Agent> {
  const agent = await formAgent(t, HOST);
  await agent.post('/sign-in', { email: pro.email, password: pro.password });
  const done = await agent.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) });
  expect(done.status).toBe(303);
  return agent;
}

describe('bad-input corpus over every POST route: never a 500, never a stack trace', () => {
  let t: TestApp;
  let routes: Route[];
  let pro: Professional;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    routes = postRoutes(t);
    pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    ids = await inTenant(t.db.app, pro.tenantId, async () => {
      const child = await createChild({ forename: 'Ada', surname: 'Corpus', dateOfBirth: '2015-03-04', gender: null, address: {} as never, school: null }, { accountId: pro.account.id });
      const response = await createDraft({ accountId: pro.account.id, childId: child.id, formId: FORM, draftDays: 30 });
      const role = await WorkRole.query(await db()).findOne({ account_id: pro.account.id });
      return { childId: child.id, responseId: response.id, roleId: role!.id, accountId: pro.account.id };
    });
  });
  afterAll(() => t?.close());

  const fill = (path: string, badId?: string) => {
    const firstStep = t.services.forms.get(FORM)!.steps[0]!.id;
    return path
      .replace(':childId', badId ?? ids.childId!)
      .replace(':responseId', badId ?? ids.responseId!)
      .replace(':stepId', badId ?? firstStep)
      .replace(':accountId', badId ?? ids.accountId!)
      .replace(':token', badId ?? 'not-a-real-token')
      .replace(/^\/my-account\/work-details\/:id/, `/my-account/work-details/${badId ?? ids.roleId}`)
      .replace(':id', badId ?? ids.accountId!);
  };

  async function attack(agent: Agent, only: (path: string) => boolean): Promise<{ findings: Finding[]; sent: number; statuses: Record<number, number> }> {
    const findings: Finding[] = [];
    const statuses: Record<number, number> = {};
    let sent = 0;
    const note = (route: string, payload: string, res: request.Response) => {
      sent++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const body = res.text ?? '';
      if (res.status >= 500) findings.push({ route, payload, status: res.status, problem: 'status ≥ 500' });
      if (/\n\s+at [\w$.<>[\] ]+ \(|node_modules\/|\bTypeError\b|\bSyntaxError\b/.test(body)) findings.push({ route, payload, status: res.status, problem: 'stack trace' });
      if (body.includes(SCRIPT)) findings.push({ route, payload, status: res.status, problem: 'script reflected unescaped' });
    };
    for (const route of routes.filter((r) => only(r.path))) {
      const path = fill(route.path);
      const fields = route.hasPage ? await fieldsOf(agent, path) : GENERIC_FIELDS;
      for (const payload of PAYLOADS) {
        let req = agent.agent.post(path).set('Host', HOST).set('Content-Type', payload.type ?? 'application/x-www-form-urlencoded');
        if (payload.encoding) req = req.set('Content-Encoding', payload.encoding);
        note(route.path, payload.label, await req.send(payload.body(fields, agent.token)));
      }
      if (route.path.includes(':')) {
        for (const bad of BAD_IDS) note(route.path, `id ${bad.slice(0, 20)}`, await agent.post(fill(route.path, bad), { action: 'x' }));
      }
    }
    return { findings, sent, statuses };
  }

  it('covers every POST route of the route table', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const path of ['/sign-in', '/register/work-details', '/forms/:responseId/steps/:stepId', '/forms/:responseId/steps/:stepId/autosave', '/uploads', '/backoffice/sign-in']) {
      expect(routes.map((r) => r.path)).toContain(path);
    }
  });

  it('as an anonymous visitor (with a CSRF token)', async () => {
    const { findings, sent } = await attack(await formAgent(t, HOST), () => true);
    expect(sent).toBeGreaterThan(routes.length * PAYLOADS.length - 1);
    expect(findings).toEqual([]);
  });

  it('as the signed-in professional, with their own ids', async () => {
    const { findings, statuses } = await attack(await signedIn(t, pro), (path) => !path.startsWith('/backoffice') && !path.startsWith('/staff-setup'));
    expect(findings).toEqual([]);
    // The routes were reached as the professional: pages shown again with their errors, not only redirects to sign in.
    expect((statuses[200] ?? 0) + (statuses[400] ?? 0)).toBeGreaterThan(100);
  });

  it('as council staff, on the back office', async () => {
    const staff = await createStaff(t, 'leicester');
    const agent = await formAgent(t, HOST, '/backoffice/sign-in');
    await agent.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
    const done = await agent.post('/backoffice/sign-in/code', { code: codeIn((await t.emailTo(staff.email)).text) });
    expect(done.status).toBe(303);
    const { findings, statuses } = await attack(agent, (path) => path.startsWith('/backoffice'));
    expect(findings).toEqual([]);
    expect((statuses[200] ?? 0) + (statuses[400] ?? 0) + (statuses[404] ?? 0)).toBeGreaterThan(50);
  });
});
