import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import cookiejar from 'cookiejar';
import request from 'supertest';
import { Account } from '../../src/accounts/queries/accounts.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { translator, type Language } from '../../src/i18n/index.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import type { Tenant } from '../../src/tenancy/schema.js';
import type { TestApp } from './app.js';
import type { ReceivedEmail } from './smtp.js';

/** Meets every council's password policy (length, numbers, both cases, special characters). */
export const PROFESSIONAL_PASSWORD = 'Bright-Harbour-27';

type AccountColumns = Partial<Pick<Account, 'email' | 'status' | 'title' | 'forename' | 'surname' | 'gender' | 'two_step' | 'preferred_language' | 'email_confirmed_at' | 'verified_at' | 'closed_at'>>;
type RoleColumns = Partial<Omit<WorkRole, 'tenant_id' | 'id' | 'account_id'>>;

export interface ProfessionalOverrides extends AccountColumns {
  /** The password to sign in with (stored as an argon2id hash). */
  password?: string;
  /** The account's work roles; one role at a school by default. */
  roles?: RoleColumns[];
}

export interface Professional {
  account: Account;
  roles: WorkRole[];
  email: string;
  password: string;
  tenant: Tenant;
  tenantId: string;
  /** The council's development host, e.g. vale.localhost. */
  host: string;
}

export const DEFAULT_ROLE: RoleColumns = {
  role: 'Class Teacher',
  organisation: 'Hillside Primary School',
  house_number: '1',
  street: 'School Lane',
  town: 'Barry',
  postcode: 'CF62 1AA',
  country: 'United Kingdom',
  work_phone: '01446 700111',
};

/** The professional most SEND tests follow: Sam Taylor, SEN Co-ordinator at a Leicester academy. */
export const SAM_TAYLOR_SENCO: ProfessionalOverrides = {
  title: 'Ms',
  forename: 'Sam',
  surname: 'Taylor',
  roles: [{ role: 'SEN Co-ordinator (SENCO)', organisation: 'Babington Academy', postcode: 'LE4 0SZ', town: 'Leicester' }],
};

/**
 * An active professional in the council `slug`, written straight to the
 * database as a finished registration would leave it: email confirmed,
 * no Two Step Verification, one work role. Override any of it.
 */
export async function createProfessional(t: TestApp, slug: string, overrides: ProfessionalOverrides = {}): Promise<Professional> {
  const tenant = t.registry.forSlug(slug);
  if (!tenant) throw new Error(`No council with slug ${slug}`);
  const { password = PROFESSIONAL_PASSWORD, roles = [DEFAULT_ROLE], ...columns } = overrides;
  const email = (columns.email ?? `pro.${randomBytes(5).toString('hex')}@school.example.org`).toLowerCase();
  const passwordHash = await hashPassword(password);
  const created = await inTenant(t.db.app, tenant.id, async () => {
    const account = await Account.query(await db()).insertAndFetch({
      kind: 'professional',
      status: 'active',
      title: 'Ms',
      forename: 'Alex',
      surname: 'Morgan',
      gender: 'female',
      email_confirmed_at: new Date(),
      ...columns,
      email,
      password_hash: passwordHash,
    });
    const workRoles: WorkRole[] = [];
    for (const role of roles) workRoles.push(await WorkRole.query(await db()).insertAndFetch({ ...DEFAULT_ROLE, ...role, account_id: account.id }));
    return { account, roles: workRoles };
  });
  return { ...created, email, password, tenant, tenantId: tenant.id, host: tenant.hostnames[0]! };
}

/** An account as it is now in the database (the app's role, under the council's row-level security). */
export function reloadAccount(t: TestApp, who: Pick<Professional, 'tenant' | 'account'>): Promise<Account> {
  return inTenant(t.db.app, who.tenant.id, async () => (await Account.query(await db()).findOne({ id: who.account.id }))!);
}

/** The work roles of an account, oldest first. */
export function rolesOf(t: TestApp, who: Pick<Professional, 'tenant' | 'account'>): Promise<WorkRole[]> {
  return inTenant(t.db.app, who.tenant.id, async () => WorkRole.query(await db()).where({ account_id: who.account.id }).orderBy('created_at'));
}

/** Every email the SMTP server has received for `address`, oldest first (send the outbox first with t.emailTo). */
export function emailsReceivedBy(t: TestApp, address: string): ReceivedEmail[] {
  return t.smtp.received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
}

const sixDigits = (text: string) => text.match(/(?<!\d)\d{6}(?!\d)/)?.[0];

/** The code in an email's text: its only 6-digit number. */
export function codeIn(text: string): string {
  const code = sixDigits(text);
  if (!code) throw new Error(`No 6-digit code in: ${text}`);
  return code;
}

/** The code just emailed to `address` (sign-in, registration, forgotten password, back office): the only 6-digit number in the email. */
export async function emailedCode(t: TestApp, address: string): Promise<string> {
  const newest = await t.emailTo(address);
  const code = sixDigits(newest.text) ?? emailsReceivedBy(t, address).reverse().map((m) => sixDigits(m.text)).find(Boolean);
  if (!code) throw new Error(`No 6-digit code in the emails to ${address}: ${newest.text}`);
  return code;
}

export type Agent = ReturnType<typeof request.agent>;

export interface SignInOptions {
  /** Where the council is served, e.g. http://vale.localhost:4567 (a page already on the site uses its own). */
  baseUrl?: string;
  /** For an agent: the council's host (found from the email when it is unique). */
  host?: string;
  /** The language the sign-in pages are shown in. */
  lang?: Language;
}

function signInTexts(lang: Language = 'en') {
  const t = translator(lang);
  return {
    email: t('sign-in.email'),
    password: t('sign-in.password'),
    signIn: t('sign-in.submit'),
    codeTitle: t('sign-in.code.title'),
    code: t('sign-in.code.label'),
    verify: t('sign-in.code.submit'),
  };
}

/**
 * Signs in through the real sign-in pages, as a person would: "Email address",
 * "Password", "Sign in", then, when "Enter your verification code" is asked,
 * the code from the email into "Verification code" and "Verify". Works with a
 * browser page or a supertest agent (which then keeps the session cookie).
 * Returns the path the person lands on.
 */
export async function signInAs(t: TestApp, target: Page | Agent, email: string, password: string, options: SignInOptions = {}): Promise<string> {
  if ('goto' in target) return signInPage(t, target, email, password, options);
  return signInAgent(t, target, email, password, options);
}

async function signInPage(t: TestApp, page: Page, email: string, password: string, options: SignInOptions): Promise<string> {
  const texts = signInTexts(options.lang);
  const base = options.baseUrl ?? new URL(page.url()).origin;
  if (!base.startsWith('http')) throw new Error('signInAs: give options.baseUrl, or open a page of the council first');
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(texts.email, { exact: true }).fill(email);
  await page.getByLabel(texts.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: texts.signIn, exact: true }).click();
  await page.waitForLoadState();
  if (await page.getByRole('heading', { level: 1, name: texts.codeTitle }).isVisible()) {
    await page.getByLabel(texts.code, { exact: true }).fill(await emailedCode(t, email));
    await page.getByRole('button', { name: texts.verify, exact: true }).click();
    await page.waitForLoadState();
  }
  if (new URL(page.url()).pathname.startsWith('/sign-in')) {
    const problem = await page.locator('.govuk-error-summary').textContent().catch(() => null);
    throw new Error(`signInAs: still on ${page.url()}${problem ? `: ${problem.trim()}` : ''}`);
  }
  return new URL(page.url()).pathname;
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The form on a page whose submit button reads `button`: its action and hidden fields. */
function formWithButton(html: string, button: string): { action: string; hidden: Record<string, string>; html: string } {
  for (const form of html.split(/<form\b/).slice(1).map((f) => `<form${f.split('</form>')[0]}`)) {
    const buttons = [...form.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((m) => decode(m[1]!));
    if (!buttons.includes(button)) continue;
    const hidden: Record<string, string> = {};
    for (const m of form.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = m[0].match(/name="([^"]+)"/)?.[1];
      if (name) hidden[name] = m[0].match(/value="([^"]*)"/)?.[1] ?? '';
    }
    return { action: form.match(/action="([^"]+)"/)?.[1] ?? '', hidden, html: form };
  }
  throw new Error(`No form with a "${button}" button`);
}

/** The name of the field whose label reads `label`. */
function fieldNamed(formHtml: string, label: string): string {
  for (const m of formHtml.matchAll(/<label\b[^>]*for="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)) {
    if (decode(m[2]!) !== label) continue;
    const field = formHtml.match(new RegExp(`<(?:input|select|textarea)\\b[^>]*id="${m[1]}"[^>]*>`))?.[0];
    const name = field?.match(/name="([^"]+)"/)?.[1];
    if (name) return name;
  }
  throw new Error(`No field labelled "${label}"`);
}

const heading = (html: string) => decode(html.match(/<h1\b[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '');

async function hostFor(t: TestApp, email: string): Promise<string> {
  const rows: { tenant_id: string }[] = await t.db.platform('accounts').where({ kind: 'professional', email: email.toLowerCase() }).select('tenant_id');
  if (rows.length !== 1) throw new Error(`signInAs: give options.host (${rows.length} councils have ${email})`);
  const tenant = t.registry.forId(rows[0]!.tenant_id);
  if (!tenant) throw new Error(`signInAs: no council for ${email}`);
  return tenant.hostnames[0]!;
}

async function signInAgent(t: TestApp, agent: Agent, email: string, password: string, options: SignInOptions): Promise<string> {
  const texts = signInTexts(options.lang);
  const host = options.host ?? (await hostFor(t, email));
  const get = (path: string) => agent.get(path).set('Host', host);
  const post = (path: string, body: Record<string, string>) => agent.post(path).set('Host', host).type('form').send(body);
  let landed = '/sign-in';
  const follow = async (res: Awaited<ReturnType<typeof get>>) => {
    for (let hops = 0; [301, 302, 303, 307].includes(res.status) && hops < 5; hops++) {
      landed = res.headers.location!;
      res = await get(landed);
    }
    return res;
  };

  const page = await get('/sign-in');
  const form = formWithButton(page.text, texts.signIn);
  let res = await follow(
    await post(form.action, { ...form.hidden, [fieldNamed(form.html, texts.email)]: email, [fieldNamed(form.html, texts.password)]: password }),
  );
  if (heading(res.text) === texts.codeTitle) {
    const codeForm = formWithButton(res.text, texts.verify);
    res = await follow(await post(codeForm.action, { ...codeForm.hidden, [fieldNamed(codeForm.html, texts.code)]: await emailedCode(t, email) }));
  }
  if (res.status >= 400 || /<form\b[^>]*action="\/sign-in(\/code)?"/.test(res.text)) {
    throw new Error(`signInAs: not signed in (${res.status}, "${heading(res.text)}")`);
  }
  return landed;
}

/** A supertest agent with the CSRF cookie and token of a page, for posting forms. */
export async function formAgent(t: TestApp, host: string, path = '/sign-in') {
  const agent = request.agent(t.app.callback());
  const page = await agent.get(path).set('Host', host);
  const token = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`No CSRF token on ${path}`);
  return {
    agent,
    token,
    post: (url: string, body: Record<string, string | string[]>) => agent.post(url).set('Host', host).type('form').send({ _csrf: token, ...body }),
    get: (url: string) => agent.get(url).set('Host', host),
  };
}

/** The Cookie header a supertest agent would send (for raw sockets that play a slow client). */
export function cookieHeaderOf(agent: Agent): string {
  const jar = (agent as unknown as { jar: cookiejar.CookieJar }).jar;
  return jar
    .getCookies(cookiejar.CookieAccessInfo.All)
    .map((c) => c.toValueString())
    .join('; ');
}
