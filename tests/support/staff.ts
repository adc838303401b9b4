import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Account } from '../../src/accounts/queries/accounts.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import { createStaffAccount } from '../../src/accounts/staff/staff-accounts.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import type { TestApp } from './app.js';

export interface StaffLogin {
  email: string;
  password: string;
  forename: string;
  surname: string;
}

/** A new council staff account in the tenant `slug`, made the way `npm run staff:create` makes it. */
export async function createStaff(t: TestApp, slug: string, names: { forename?: string; surname?: string } = {}): Promise<StaffLogin> {
  const email = `staff.${randomBytes(4).toString('hex')}@council.example`;
  const result = await createStaffAccount(t.db.platform, { tenant: slug, email, forename: names.forename ?? 'Sam', surname: names.surname ?? 'Staff' });
  return { email: result.email, password: result.password, forename: result.forename, surname: result.surname };
}

import { emailedCode } from './accounts.js';

export { emailedCode };

/**
 * Signs in to the back office as a person would: the sign-in page by its labels,
 * then the code from the email. `page` must be on (or able to reach) the council's
 * /backoffice/sign-in page; pass `url` to go there first. Works in English or Welsh
 * when `labels` are given.
 */
export async function signInStaff(
  page: Page,
  t: TestApp,
  email: string,
  password: string,
  options: { url?: string; labels?: { email: string; password: string; signIn: string; code: string; verify: string } } = {},
): Promise<void> {
  const labels = options.labels ?? { email: 'Email address', password: 'Password', signIn: 'Sign in', code: 'Verification code', verify: 'Verify' };
  if (options.url) await page.goto(options.url);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.signIn, exact: true }).click();
  await page.getByLabel(labels.code).waitFor();
  const code = await emailedCode(t, email);
  await page.getByLabel(labels.code).fill(code);
  await page.getByRole('button', { name: labels.verify, exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/backoffice/sign-in'));
}

export interface WaitingRegistration {
  id: string;
  email: string;
  forename: string;
  surname: string;
}

/**
 * A professional who has registered and confirmed their email, waiting for the
 * council to verify them, with one work role: written straight to the database.
 */
export async function createWaitingRegistration(
  t: TestApp,
  slug: string,
  person: { forename: string; surname: string; title?: string; role?: string; organisation?: string; email?: string; language?: string },
): Promise<WaitingRegistration> {
  const tenant = t.registry.forSlug(slug);
  if (!tenant) throw new Error(`No tenant ${slug}`);
  const email = person.email ?? `${person.forename}.${person.surname}.${randomBytes(3).toString('hex')}@school.example`.toLowerCase();
  const passwordHash = await hashPassword('Registered-Pa55word!');
  return inTenant(t.db.app, tenant.id, async () => {
    const account = await Account.query(await db()).insert({
      kind: 'professional',
      email,
      password_hash: passwordHash,
      status: 'awaiting_verification',
      title: person.title ?? null,
      forename: person.forename,
      surname: person.surname,
      preferred_language: person.language ?? 'en',
      email_confirmed_at: new Date(),
    });
    await WorkRole.query(await db()).insert({
      account_id: account.id,
      role: person.role ?? 'SEN Co-ordinator (SENCO)',
      organisation: person.organisation ?? 'Hillside Primary School',
      house_number: '12',
      street: 'Station Road',
      town: 'Redcar',
      postcode: 'TS10 1AA',
      country: 'United Kingdom',
      work_phone: '01642 000000',
      mobile: '07700 900123',
    });
    return { id: account.id, email, forename: person.forename, surname: person.surname };
  });
}
