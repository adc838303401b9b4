import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../src/accounts/passwords.js';
import { draftExpiry } from '../src/forms/days-left.js';
import type { BenchContext } from './scenarios.js';
import { send } from './signed-in.js';

/**
 * Dudley's forms about a family: a signed-in professional (Two Step Verification,
 * through the real pages) with 200 saved Multi Agency Referral Forms for Recover a
 * form, and a referral about 6 people filled in through the real step pages for
 * its PDF.
 */

const HOST = 'dudley.localhost';
const EMAIL = 'bench.referrer@school.example.org';
const PASSWORD = 'Bench-Marks-2026!';
const MARF = 'multi-agency-referral';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

let session: { cookies: Map<string, string>; accountId: string; tenantId: string } | undefined;
let pdfPath: string | undefined;

const cookieHeader = (cookies: Map<string, string>) => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });

/** The Dudley professional (with a work role), signed in through /sign-in and the emailed code. */
async function dudleySession(bench: BenchContext): Promise<NonNullable<typeof session>> {
  if (session) return session;
  const { platform } = bench.db;
  const tenantId = bench.registry.forHost(HOST)!.id;
  let account = await platform('accounts').where({ tenant_id: tenantId, kind: 'professional', email: EMAIL }).first('id');
  if (!account) {
    [account] = await platform('accounts')
      .insert({ tenant_id: tenantId, kind: 'professional', email: EMAIL, password_hash: await hashPassword(PASSWORD), status: 'active', forename: 'Bench', surname: 'Referrer', two_step: 'email', email_confirmed_at: new Date() })
      .returning('id');
    await platform('work_roles').insert({ tenant_id: tenantId, account_id: account.id, role: 'Designated Safeguarding Lead', organisation: 'Castle Primary School', house_number: '1', street: 'Castle Hill', town: 'Dudley', postcode: 'DY1 4QB', country: 'United Kingdom', work_phone: '01384 812345' });
  }
  const cookies = new Map<string, string>();
  const form = await send(bench.portalUrl, 'GET', '/sign-in', cookies, undefined, HOST);
  const token = form.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
  const first = await send(bench.portalUrl, 'POST', '/sign-in', cookies, { _csrf: token, email: EMAIL, password: PASSWORD }, HOST);
  if (first.headers.location !== '/sign-in/code') throw new Error(`bench sign-in (Dudley) did not ask for a code (status ${first.status})`);
  const outbox = await platform('outbox').where({ tenant_id: tenantId, to_address: EMAIL }).orderBy('seq', 'desc').first('data');
  const done = await send(bench.portalUrl, 'POST', '/sign-in/code', cookies, { _csrf: token, code: String(outbox.data.code) }, HOST);
  if (done.status !== 303) throw new Error(`bench code was refused (status ${done.status})`);
  session = { cookies, accountId: account.id, tenantId };
  return session;
}

/** Recover a form: 200 saved referrals, each about two children, started over the last 30 days. */
export async function recoverWith200Drafts(bench: BenchContext): Promise<{ headers: Record<string, string> }> {
  const s = await dudleySession(bench);
  const { platform } = bench.db;
  const [{ count }] = (await platform('form_responses').where({ tenant_id: s.tenantId, account_id: s.accountId, status: 'draft' }).count({ count: '*' })) as [{ count: string | number }];
  const missing = 200 - Number(count);
  if (missing > 0) {
    const version = (await platform('form_definitions').where({ form_id: MARF }).max({ v: 'version' }).first())?.v ?? 1;
    const draftDays = bench.registry.forHost(HOST)!.retention.draftDays;
    const now = Date.now();
    const rows = Array.from({ length: missing }, (_, i) => {
      const created = new Date(now - (i % draftDays) * 86_400_000 - i * 60_000);
      return { tenant_id: s.tenantId, id: randomUUID(), account_id: s.accountId, form_id: MARF, form_version: version, answers: '{}', created_at: created, updated_at: created, draft_expires_at: draftExpiry(created, draftDays) };
    });
    await platform.batchInsert('form_responses', rows, 100);
    const subjects = rows.flatMap((r, i) => [
      { tenant_id: s.tenantId, response_id: r.id, person_id: randomUUID(), position: 0, kind: 'child', forename: `Child${i}`, surname: 'Smith', date_of_birth: '2016-04-03' },
      { tenant_id: s.tenantId, response_id: r.id, person_id: randomUUID(), position: 1, kind: 'child', forename: `Sibling${i}`, surname: 'Smith', date_of_birth: '2019-06-05' },
    ]);
    await platform.batchInsert('form_subjects', subjects, 200);
  }
  return { headers: cookieHeader(s.cookies) };
}

/**
 * A Multi Agency Referral Form about 6 people (3 children, 3 adults), filled in
 * through the real step pages with per-person answers separated on three questions,
 * left as a draft: its PDF ("Create PDF", marked not submitted) is measured. Notes
 * the median of 10 single requests, one at a time (the goal: ≤ 500 ms).
 */
export async function referralPdfWith6People(bench: BenchContext): Promise<{ headers: Record<string, string>; path: string }> {
  const s = await dudleySession(bench);
  const headers = cookieHeader(s.cookies);
  if (!pdfPath) {
    const go = (method: string, path: string, body?: Record<string, string | string[]>) => send(bench.portalUrl, method, path, s.cookies, body, HOST);
    const token = (await go('GET', '/social-care')).body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const post = async (path: string, body: Record<string, string | string[]>) => {
      const res = await go('POST', path, { _csrf: token, ...body });
      if (res.status !== 303) throw new Error(`bench referral: POST ${path} answered ${res.status}: ${res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 400)}`);
      return res;
    };
    const started = await post('/forms/start', { form: MARF });
    const id = /^\/forms\/([0-9a-f-]{36})$/.exec(started.headers.location!)![1]!;
    const step = (name: string) => `/forms/${id}/steps/${name}`;
    const role = await bench.db.platform('work_roles').where({ tenant_id: s.tenantId, account_id: s.accountId }).first('id');
    await post(step('workDetails'), { workRole: role.id });
    await post(step('consent'), { familyTold: 'yes', consentGiven: 'yes' });
    const ids = async () => [...(await go('GET', step('people'))).body.matchAll(/name="people" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    for (const action of ['add-child', 'add-child', 'add-adult', 'add-adult', 'add-adult']) await post(step('people'), { people: await ids(), action });
    const people = await ids();
    if (people.length !== 6) throw new Error(`bench referral: ${people.length} people on the form, not 6`);
    const [c1, c2, c3, a1, a2, a3] = people as [string, string, string, string, string, string];
    const person = (pid: string, p: Record<string, string>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [`person-${pid}-${k}`, v]));
    const child = (forename: string, year: string, gender: string) => ({ forename, surname: 'Smith', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': year, gender, sameAddress: 'yes' });
    const adult = (forename: string, relationship: string, gender: string) => ({ forename, surname: 'Smith', 'dateOfBirth-day': '9', 'dateOfBirth-month': '10', 'dateOfBirth-year': '1985', gender, relationship, sameAddress: 'yes' });
    await post(step('people'), {
      people,
      ...person(c1, { forename: 'Amy', surname: 'Smith', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016', gender: 'female', 'address-mode': 'manual', 'address-building': '1', 'address-street': 'High Street', 'address-town': 'Dudley', 'address-postcode': 'DY1 1HF' }),
      ...person(c2, child('Ben', '2018', 'male')),
      ...person(c3, child('Cara', '2021', 'female')),
      ...person(a1, adult('Jo', 'mother', 'female')),
      ...person(a2, adult('Lee', 'step-parent', 'male')),
      ...person(a3, adult('Pat', 'grandparent', 'female')),
    });
    await post(step('aboutFamily'), {
      'firstLanguage-separate': [a1, a3],
      firstLanguage: 'english',
      [`firstLanguage-${a1}`]: 'polish',
      [`firstLanguage-${a3}`]: 'bengali',
      'school-separate': c3,
      school: 'Castle Primary School',
      [`school-${c3}`]: 'Little Acorns Nursery',
      interpreterNeeded: 'no',
      disability: 'no',
    });
    await post(step('reason'), {
      'reason-separate': c2,
      reason: 'The children are often left alone in the evenings and say they are hungry at school.',
      [`reason-${c2}`]: 'Ben has a bruise on his arm he would not explain.',
      concerns: ['neglect', 'emotional-abuse'],
      'concerns-separate': c2,
      [`concerns-${c2}`]: ['neglect', 'physical-abuse'],
    });
    await post(step('immediateRisk'), { immediateRisk: 'no' });
    await post(step('household'), { housing: 'social-housing', workerSafety: 'no' });
    await post(step('professionals'), { 'professionals-items': '0', gpPractice: 'Castle Surgery' });
    await post(step('views'), { childVoice: 'Amy says she is hungry at school.', parentsViews: 'Jo says she works nights.', strengths: 'The grandmother visits every day.', familyWants: 'Help with childcare.' });
    await post(step('documents'), {});
    pdfPath = `/forms/${id}/pdf`;
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const res = await go('GET', pdfPath);
      if (res.status !== 200 || res.headers['content-type'] !== 'application/pdf') throw new Error(`bench referral PDF answered ${res.status} ${res.headers['content-type']}`);
      times.push(performance.now() - t0);
    }
    bench.note('PDF, referral with 6 people, one request at a time (median ms)', round(median(times)));
    bench.note('PDF, referral with 6 people, one request at a time (max ms)', round(Math.max(...times)));
  }
  return { headers, path: pdfPath };
}
