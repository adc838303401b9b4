import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeExpiredDrafts } from '../../src/forms/draft-expiry.js';
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
});
