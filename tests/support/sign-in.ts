import type { Page } from 'playwright-core';
import request from 'supertest';
import { Account } from '../../src/accounts/queries/accounts.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import type { TestApp } from './app.js';

export const GOOD_PASSWORD = 'Correct-Horse-42-Battery';

export interface Professional {
  account: Account;
  email: string;
  password: string;
  tenantId: string;
}

let counter = 0;

/** A professional account made directly in the database, as registration would leave it. */
export async function createProfessional(t: TestApp, slug: string, overrides: Partial<Account> = {}): Promise<Professional> {
  const tenantId = t.registry.forSlug(slug)!.id;
  const email = (overrides.email ?? `pro${++counter}.${Date.now()}@school.example.org`).toLowerCase();
  const password = GOOD_PASSWORD;
  const account = await inTenant(t.db.app, tenantId, async () => {
    const created = await Account.query(await db()).insertAndFetch({
      kind: 'professional',
      status: 'active',
      forename: 'Sam',
      surname: 'Taylor',
      title: 'Ms',
      email_confirmed_at: new Date(),
      ...overrides,
      email,
      password_hash: await hashPassword(password),
    } as Partial<Account>);
    await WorkRole.query(await db()).insert({ account_id: created.id, role: 'SEN Co-ordinator (SENCO)', organisation: 'Babington Academy', postcode: 'LE4 0SZ', town: 'Leicester' } as Partial<WorkRole>);
    return created;
  });
  return { account, email, password, tenantId };
}

/** The first 6-digit number in an email: the code. */
export function codeIn(text: string): string {
  const match = text.match(/\b(\d{6})\b/);
  if (!match) throw new Error(`No code in: ${text}`);
  return match[1]!;
}

/** Signs in through the real pages, by their labels; reads the emailed code when one is asked for. */
export async function signInAs(page: Page, t: TestApp, base: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
  if (await page.getByRole('heading', { name: 'Enter your verification code' }).isVisible()) {
    const email = await t.emailTo(who.email);
    await page.getByLabel('Verification code').fill(codeIn(email.text));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForLoadState();
  }
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
