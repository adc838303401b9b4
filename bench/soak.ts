/**
 * `npm run soak`: virtual professionals (200 by default) working for 10 minutes
 * across every council against a running portal: sign in (with the emailed code),
 * Select Person, a form's steps with autosave, an upload, messages, My Account,
 * sign out, again and again. Prints the errors (goal 0), p95 per page, and the
 * portal's memory at the start and the end (goal: flat). Not part of `npm test`.
 *
 * By default it starts its own portal exactly as `npm start` does (one process:
 * embedded Postgres in a temporary directory, the web app and the worker) with
 * its own clamd, and stops everything at the end. To soak a portal you run
 * yourself, give SOAK_URL (e.g. http://127.0.0.1:3000), DATABASE_PLATFORM_URL
 * (the platform role, to create the accounts and read sign-in codes from the
 * outbox) and SOAK_PID (its process id, for memory). See bench/README.md.
 *
 *   SOAK_USERS=200 SOAK_MINUTES=10 npm run soak
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { hashPassword } from '../src/accounts/passwords.js';
import { PLATFORM_ROLE } from '../migrations/rls.js';
import { roleUrl } from '../src/platform/db/bootstrap.js';
import { connect } from '../src/platform/db/connections.js';
import { freePort } from '../src/platform/db/embedded.js';
import { startClamd, type Clamd } from '../tests/support/clamd.js';
import { multipartBody, pdf } from '../tests/support/uploads.js';

const USERS = Number(process.env.SOAK_USERS ?? 200);
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
/** Pause between two pages of one professional (reading, typing): 1 to 3 s. */
const THINK_MS = [1000, 3000] as const;
const PASSWORD = 'Soak-Test-Password-2026!';
/** Rounds of work in one signed-in session (sign-in limits allow 20 sign-ins and 15 codes per account in 15 minutes). */
const ROUNDS_PER_SIGN_IN = 4;
const FORM = 'professional-request-ehc-assessment';
const ROOT = path.resolve(import.meta.dirname, '..');

interface LibraryQuestion {
  id?: string;
  type: string;
  questions?: LibraryQuestion[];
}
const LIBRARY_FORM = JSON.parse(await readFile(path.join(ROOT, 'tenants/_library/forms', `${FORM}.json`), 'utf8')) as { steps: { id: string; questions?: LibraryQuestion[] }[] };
const allQuestions = (qs: LibraryQuestion[] = []): LibraryQuestion[] => qs.flatMap((q) => [q, ...allQuestions(q.questions)]);
/** The form's first step (work details), its first step with typed answers, and its file question, from the library's definition. */
const FIRST_STEP = LIBRARY_FORM.steps[0]!.id;
const TYPED_STEP = LIBRARY_FORM.steps
  .map((step) => ({ id: step.id, typed: allQuestions(step.questions).filter((q) => q.type === 'text' || q.type === 'textarea').map((q) => q.id!) }))
  .find((step) => step.typed.length)!;
const FILE_QUESTION = LIBRARY_FORM.steps.flatMap((step) => allQuestions(step.questions)).find((q) => q.type === 'file')!.id!;

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!(USERS > 0) || !(MINUTES > 0)) {
  log('SOAK_USERS and SOAK_MINUTES must be positive numbers');
  process.exit(2);
}

interface Portal {
  url: string;
  platform: Knex;
  pid?: number;
  stop(): Promise<void>;
}

/** The portal's resident memory (RSS) in MB, from /proc (Linux). */
async function rssMb(pid: number | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** A portal of its own, started as `npm start` starts it (one Node process; Postgres in a temporary directory). */
async function startOwnPortal(): Promise<Portal> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-soak-'));
  let clamd: Clamd | undefined;
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await clamd?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    clamd = await startClamd();
    const port = await freePort();
    const pgPort = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', TRUST_PROXY: 'true', DATA_DIR: dataDir, STORAGE_DIR: path.join(dataDir, 'storage'), PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), CLAMD_HOST: clamd.host, CLAMD_PORT: String(clamd.port), LOG_LEVEL: 'warn', SMTP_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await request(url, 'localhost', 'GET', '/healthz', new Map())).status === 200, 'the portal to start', 180);
    const superuser = (await readFile(path.join(dataDir, 'postgres.superuser'), 'utf8')).trim();
    const roles = JSON.parse(await readFile(path.join(dataDir, 'roles.json'), 'utf8')) as { platform: string };
    const admin = `postgres://postgres:${encodeURIComponent(superuser)}@127.0.0.1:${pgPort}/postgres`;
    const platform = connect(roleUrl(admin, PLATFORM_ROLE, roles.platform, 'portal'), 4);
    return {
      url,
      platform,
      pid: child.pid,
      stop: async () => {
        await platform.destroy();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function runningPortal(): Promise<Portal> {
  const url = process.env.SOAK_URL!;
  if (!process.env.DATABASE_PLATFORM_URL) throw new Error('SOAK_URL needs DATABASE_PLATFORM_URL (the platform role of the same database)');
  const platform = connect(process.env.DATABASE_PLATFORM_URL, 4);
  return { url, platform, pid: process.env.SOAK_PID ? Number(process.env.SOAK_PID) : undefined, stop: () => platform.destroy() };
}

interface Reply {
  status: number;
  location?: string;
  body: string;
}

const agents = new Map<string, http.Agent>();

/** One request as a browser of this professional sends it (its own cookies and keep-alive connection). */
function request(base: string, host: string, method: string, urlPath: string, cookies: Map<string, string>, body?: { data: Buffer | string; type: string }, agentKey = 'default', from?: string): Promise<Reply> {
  const url = new URL(urlPath, base);
  let agent = agents.get(agentKey);
  if (!agent) agents.set(agentKey, (agent = new http.Agent({ keepAlive: true, maxSockets: 2 })));
  const headers: http.OutgoingHttpHeaders = { host, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  // Each professional from an address of their own (a school's), as the portal sees it behind its proxy.
  if (from) headers['x-forwarded-for'] = from;
  if (body) Object.assign(headers, { 'content-type': body.type, 'content-length': Buffer.byteLength(body.data) });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          const [name, ...rest] = pair!.split('=');
          if (rest.join('=') === '') cookies.delete(name!.trim());
          else cookies.set(name!.trim(), rest.join('='));
        }
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 60 s')));
    req.on('error', reject);
    req.end(body?.data);
  });
}

const form = (values: Record<string, string>) => ({ data: new URLSearchParams(values).toString(), type: 'application/x-www-form-urlencoded' });
const csrfIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
const decode = (s: string) => s.replace(/&amp;/g, '&');

interface Professional {
  n: number;
  email: string;
  host: string;
  tenantId: string;
  send: boolean;
  childIds: string[];
}

/** Professionals spread over every council, with Two Step Verification by email and three linked children each where the council has SEND. */
async function createProfessionals(platform: Knex): Promise<Professional[]> {
  const tenants: { id: string; slug: string; config: { hostnames: string[]; services: string[] } }[] = await platform('tenants').where({ status: 'live' }).select('id', 'slug', 'config');
  if (!tenants.length) throw new Error('no live council to soak');
  const hash = await hashPassword(PASSWORD);
  const run = Date.now().toString(36);
  const people: Professional[] = [];
  for (let n = 0; n < USERS; n++) {
    const tenant = tenants[n % tenants.length]!;
    const email = `soak.${run}.${n}@school.example.org`;
    const [account] = await platform('accounts')
      .insert({ tenant_id: tenant.id, kind: 'professional', email, password_hash: hash, status: 'active', title: 'Ms', forename: 'Soak', surname: `Tester${n}`, two_step: 'email', email_confirmed_at: new Date() })
      .returning('id');
    await platform('work_roles').insert({ tenant_id: tenant.id, account_id: account.id, role: 'SEN Co-ordinator (SENCO)', organisation: 'Soak Academy', postcode: 'LE4 0SZ', town: 'Leicester' });
    const send = tenant.config.services.includes('send');
    const childIds: string[] = [];
    if (send) {
      for (let c = 0; c < 3; c++) {
        const [child] = await platform('children')
          .insert({ tenant_id: tenant.id, forename: `Child${c}`, surname: `Soak${n}`, date_of_birth: `201${c}-0${c + 1}-1${c}`, school: 'Soak Academy', postcode: 'LE4 0SZ', town: 'Leicester', created_by_account: account.id })
          .returning('id');
        await platform('child_links').insert({ tenant_id: tenant.id, child_id: child.id, account_id: account.id, source: 'added' });
        childIds.push(child.id);
      }
    }
    people.push({ n, email, host: tenant.config.hostnames.find((h) => h.endsWith('.localhost')) ?? tenant.config.hostnames[0]!, tenantId: tenant.id, send, childIds });
  }
  return people;
}

class Stats {
  readonly latencies = new Map<string, number[]>();
  readonly errors: string[] = [];
  readonly unexpected = new Map<string, number>();
  requests = 0;

  async time(page: string, work: () => Promise<Reply>, expected: (r: Reply) => boolean = (r) => r.status < 400): Promise<Reply | undefined> {
    const started = performance.now();
    this.requests++;
    try {
      const reply = await work();
      const ms = performance.now() - started;
      if (reply.status >= 500) this.errors.push(`${page}: ${reply.status}`);
      else {
        if (!this.latencies.has(page)) this.latencies.set(page, []);
        this.latencies.get(page)!.push(ms);
        if (!expected(reply)) this.unexpected.set(`${page} → ${reply.status}`, (this.unexpected.get(`${page} → ${reply.status}`) ?? 0) + 1);
      }
      return reply;
    } catch (err) {
      this.errors.push(`${page}: ${(err as Error).message}`);
      return undefined;
    }
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** One professional's working session, repeated until `until`. */
async function professionalAt(portal: Portal, who: Professional, stats: Stats, until: number): Promise<void> {
  const think = () => sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
  const upload = pdf(`Soak report ${who.n}`, 200_000);
  // Spread the start over the first half minute, as people arrive.
  await sleep(Math.random() * 30_000);
  while (Date.now() < until) {
    const cookies = new Map<string, string>();
    const from = `10.${(who.n >> 16) & 255}.${(who.n >> 8) & 255}.${who.n & 255}`;
    const go = (method: string, p: string, body?: { data: Buffer | string; type: string }) => request(portal.url, who.host, method, p, cookies, body, `vu${who.n}`, from);

    // Sign in, with the code from the outbox.
    const signInPage = await stats.time('GET /sign-in', () => go('GET', '/sign-in'));
    if (!signInPage) break;
    let token = csrfIn(signInPage.body);
    const password = await stats.time('POST /sign-in', () => go('POST', '/sign-in', form({ _csrf: token, email: who.email, password: PASSWORD })), (r) => r.status === 302 || r.status === 303);
    if (password?.location === '/sign-in/code') {
      let code: string | undefined;
      for (let i = 0; i < 40 && !code; i++) {
        const row = await portal.platform('outbox').where({ tenant_id: who.tenantId, to_address: who.email, template: 'sign-in.emails.code' }).orderBy('seq', 'desc').first('data');
        code = row?.data?.code ? String(row.data.code) : undefined;
        if (!code) await sleep(250);
      }
      await think();
      await stats.time('POST /sign-in/code', () => go('POST', '/sign-in/code', form({ _csrf: token, code: code ?? '000000' })), (r) => r.status === 303);
    }
    // A working session: a few rounds of work between signing in and signing out.
    for (let round = 0; round < ROUNDS_PER_SIGN_IN && Date.now() < until; round++) {
      await think();
      const home = await stats.time('GET /', () => go('GET', '/'));
      token = csrfIn(home?.body ?? '') || token;

      if (who.send && who.childIds.length) {
        await think();
        await stats.time('GET /send (Select Person)', () => go('GET', '/send'));
        await think();
        const child = who.childIds[Math.floor(Math.random() * who.childIds.length)]!;
        const started = await stats.time('POST /forms/start', () => go('POST', '/forms/start', form({ _csrf: token, form: FORM, child })), (r) => r.status === 303);
        const formPath = started?.location;
        if (formPath) {
          await stats.time('GET /forms/:id', () => go('GET', formPath));
          // The first step: which of their work roles they answer in.
          await think();
          const workPath = `${formPath}/steps/${FIRST_STEP}`;
          const workPage = await stats.time('GET /forms/:id/steps/:step', () => go('GET', workPath));
          const role = workPage?.body.match(/name="workRole" type="radio" value="([^"]+)"/)?.[1];
          if (role) {
            await think();
            await stats.time('POST /forms/:id/steps/:step', () => go('POST', workPath, form({ _csrf: csrfIn(workPage!.body) || token, workRole: role, action: 'save' })), (r) => r.status === 303);
          }
          // The next step: typing, saved in the background as forms-autosave.js does.
          await think();
          const stepPath = `${formPath}/steps/${TYPED_STEP.id}`;
          const page = await stats.time('GET /forms/:id/steps/:step', () => go('GET', stepPath));
          const html = page?.status === 200 ? page.body : '';
          for (const field of TYPED_STEP.typed.filter((name) => html.includes(`name="${name}"`)).slice(0, 2)) {
            await think();
            await stats.time('POST …/autosave', () => go('POST', `${stepPath}/autosave`, form({ _csrf: csrfIn(html) || token, [field]: `Soak ${who.n}, ${new Date().toISOString()}` })));
          }
          // A document for the form's file question (half of the time).
          if (Math.random() < 0.5) {
            await think();
            const responseId = formPath.split('/').pop()!;
            const query = new URLSearchParams({ response: responseId, question: FILE_QUESTION, _csrf: token });
            const { body, contentType } = multipartBody({ back: formPath, descriptionMode: 'text', otherDescription: 'Soak report' }, { name: 'report.pdf', data: upload, type: 'application/pdf' });
            await stats.time('POST /uploads', () => go('POST', `/uploads?${query}`, { data: body, type: contentType }), (r) => r.status === 303);
          }
        }
      }
      await think();
      await stats.time('GET /messages', () => go('GET', '/messages'));
      await think();
      await stats.time('GET /my-account', () => go('GET', '/my-account'));
    }
    await think();
    await stats.time('POST /sign-out', () => go('POST', '/sign-out', form({ _csrf: token })), (r) => r.status === 303 || r.status === 302);
    agents.get(`vu${who.n}`)?.destroy();
    agents.delete(`vu${who.n}`);
  }
}

async function main() {
  log(`soak: ${USERS} professionals for ${MINUTES} min`);
  const portal = process.env.SOAK_URL ? await runningPortal() : await startOwnPortal();
  let failed = false;
  try {
    const people = await createProfessionals(portal.platform);
    log(`soak: ${people.length} professionals ready at ${new Set(people.map((p) => p.host)).size} councils; running…`);
    // Memory once the portal has served a little (first requests load templates and caches).
    const stats = new Stats();
    const memoryStart = await rssMb(portal.pid);
    const until = Date.now() + MINUTES * 60_000;
    const progress = setInterval(async () => log(`soak: ${stats.requests} requests, ${stats.errors.length} errors, RSS ${(await rssMb(portal.pid)) ?? '?'} MB`), 30_000);
    await Promise.all(people.map((who) => professionalAt(portal, who, stats, until)));
    clearInterval(progress);
    await sleep(5_000);
    const memoryEnd = await rssMb(portal.pid);

    const rows = [...stats.latencies].map(([page, ms]) => [page, String(ms.length), percentile(ms, 50).toFixed(0), percentile(ms, 95).toFixed(0), percentile(ms, 99).toFixed(0)]);
    const head = ['page', 'requests', 'p50 ms', 'p95 ms', 'p99 ms'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    console.log(`\nSoak: ${USERS} professionals, ${MINUTES} min, ${stats.requests} requests`);
    console.log([line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
    console.log(`\nerrors (5xx, timeouts, connection failures): ${stats.errors.length}`);
    const byKind = new Map<string, number>();
    for (const e of stats.errors) byKind.set(e, (byKind.get(e) ?? 0) + 1);
    for (const [kind, count] of byKind) console.log(`  ${count} × ${kind}`);
    if (stats.unexpected.size) {
      console.log('other unexpected answers:');
      for (const [kind, count] of stats.unexpected) console.log(`  ${count} × ${kind}`);
    }
    console.log(`portal memory (RSS): ${memoryStart ?? '?'} MB at the start, ${memoryEnd ?? '?'} MB at the end`);
    failed = stats.errors.length > 0;
  } finally {
    for (const agent of agents.values()) agent.destroy();
    await portal.stop();
  }
  process.exit(failed ? 1 : 0);
}

if (!existsSync(path.join(ROOT, 'package.json'))) throw new Error('run from the repository');
main().catch((err) => {
  log(`soak failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(2);
});
