import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeExpiredDrafts } from '../../src/forms/draft-expiry.js';
import { sendDraftReminders } from '../../src/forms/draft-reminders.js';
import { daysLeft, ukDay, ukMidnight } from '../../src/forms/days-left.js';
import { saveSubjects } from '../../src/forms/subjects.js';
import { blankPerson } from '../../src/forms/people.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, SAM_TAYLOR_SENCO } from '../support/accounts.js';

const REQUEST = 'professional-request-ehc-assessment';

describe('forms engine: draft retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('removes drafts not saved for the council’s draft days, never submitted forms', async () => {
    const pro = await createProfessional(t, 'leicester', SAM_TAYLOR_SENCO);
    const child = await inTenant(t.db.app, pro.tenantId, () =>
      createChild(
        { forename: 'A', surname: 'B', dateOfBirth: '2015-01-01', gender: null, school: null, address: { house_number: null, house_name: null, building_name: null, street: null, district: null, town: null, county: null, postcode: null, country: null, uprn: null } },
        { accountId: pro.account.id },
      ),
    );
    const row = (expires: Date, extra: Record<string, unknown> = {}) => ({ tenant_id: pro.tenantId, form_id: REQUEST, child_id: child.id, account_id: pro.account.id, draft_expires_at: expires, ...extra });
    const past = new Date(Date.now() - 86_400_000);
    const [expired, fresh, submitted] = await t.db.platform('form_responses')
      .insert([row(past), row(new Date(Date.now() + 86_400_000)), row(past, { status: 'submitted', version: 1 })])
      .returning('id');
    expect(await removeExpiredDrafts(t.db.platform, t.services)).toBe(1);
    const left = (await t.db.platform('form_responses').where({ child_id: child.id }).select('id')).map((r) => r.id);
    expect(left.sort()).toEqual([fresh.id, submitted.id].sort());
    expect(await t.db.platform('audit_log').where({ action: 'form.draft-expired', subject_id: expired.id })).toHaveLength(1);
  });

  it('emails a reminder once when 7 days are left and once on the last day, naming no answers; a form found late gets one email', async () => {
    const pro = await createProfessional(t, 'dudley');
    const now = new Date();
    const expiring = (days: number) => ukMidnight(ukDay(now) + days);
    const row = (days: number) => ({ tenant_id: pro.tenantId, form_id: 'multi-agency-referral', account_id: pro.account.id, draft_expires_at: expiring(days), answers: JSON.stringify({ consent: { noConsentReason: 'secret words' } }) });
    const [week, lastDay, later] = await t.db.platform('form_responses').insert([row(7), row(1), row(10)]).returning('id');
    expect(daysLeft(expiring(7), now)).toBe(7);
    const deps = { registry: t.registry, library: t.services.forms, portalUrl: () => 'http://dudley.localhost' };
    const sentTo = async () => (await t.db.platform('outbox').where({ to_address: pro.email, template: 'forms.emails.draftReminder' })).length;

    // (The first test's draft, on its last day, is reminded too.)
    expect(await sendDraftReminders(t.db.platform, deps, now)).toBeGreaterThanOrEqual(2);
    expect(await sentTo()).toBe(2);
    const sent = async (id: string) => (await t.db.platform('form_responses').where({ id }).first()).reminders_sent;
    expect(await sent(week.id)).toEqual([7]);
    expect(await sent(lastDay.id)).toEqual([1, 7]);
    expect(await sent(later.id)).toEqual([]);
    const email = await t.emailTo(pro.email);
    expect(email.subject).toContain('Multi Agency Referral Form');
    expect(email.text).toMatch(/http:\/\/dudley\.localhost\/forms\/saved\?form=[0-9a-f-]{36}/);
    expect(email.text).not.toContain('secret words');

    // Again the same day: nothing new. Six days later the week-ahead form is on its last day, and
    // the 10-day one has 4 days left (its week reminder): one email each.
    expect(await sendDraftReminders(t.db.platform, deps, now)).toBe(0);
    await sendDraftReminders(t.db.platform, deps, new Date(now.getTime() + 6 * 86_400_000));
    expect(await sent(week.id)).toEqual([1, 7]);
    expect(await sent(later.id)).toEqual([7]);
    expect(await sentTo()).toBe(4);
  });

  it('deletes an expired form about people with its subjects', async () => {
    const pro = await createProfessional(t, 'dudley');
    const [draft] = await t.db.platform('form_responses')
      .insert({ tenant_id: pro.tenantId, form_id: 'multi-agency-referral', account_id: pro.account.id, draft_expires_at: new Date(Date.now() - 1000) })
      .returning('id');
    await inTenant(t.db.app, pro.tenantId, () => saveSubjects(draft.id, [{ ...blankPerson('child'), forename: 'Amy', surname: 'Smith' }]));
    expect(await t.db.platform('form_subjects').where({ response_id: draft.id })).toHaveLength(1);
    expect(await removeExpiredDrafts(t.db.platform, t.services)).toBeGreaterThanOrEqual(1);
    expect(await t.db.platform('form_responses').where({ id: draft.id })).toEqual([]);
    expect(await t.db.platform('form_subjects').where({ response_id: draft.id })).toEqual([]);
    expect(await t.db.platform('audit_log').where({ action: 'form.draft-expired', subject_id: draft.id })).toHaveLength(1);
  });
});
