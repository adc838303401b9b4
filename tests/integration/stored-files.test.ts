import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formsAboutChildren } from '../../src/forms/about-children.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { webCredentialProblems } from '../../src/platform/db/safety.js';
import type { Storage } from '../../src/platform/storage/storage.js';
import { deleteChildren } from '../../src/people/deletion.js';
import { sweepReservations } from '../../src/uploads/scan-job.js';
import { removeCouncilDocument, removeUpload, removeUploadsOf } from '../../src/uploads/service.js';
import { createChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createDraftResponse, pdf } from '../support/uploads.js';

/**
 * Stored bytes follow their rows: removed only after the commit that deletes the
 * row (kept when it rolls back), abandoned reservations swept with their bytes,
 * and the production web process refusing credentials it must not hold.
 */
describe('stored files, sweeps and process credentials', () => {
  let t: TestApp;
  let storage: Storage;
  let pro: Professional;
  const who = () => ({ tenant: { id: pro.tenantId }, account: pro.account });

  beforeAll(async () => {
    t = await buildTestApp();
    storage = t.services.storage;
    pro = await createProfessional(t, 'leicester', SAM_TAYLOR_SENCO);
  });
  afterAll(() => t.close());

  /** A document of the response, its bytes in storage; `status` receiving makes a reservation instead. */
  async function storedUpload(responseId: string, status = 'clean', createdAt?: Date): Promise<{ id: string; key: string }> {
    const key = storage.newKey();
    const file = path.join(await storage.receivingDir(), `${key}.tmp`);
    await writeFile(file, pdf());
    await storage.put(pro.tenantId, key, file);
    const id = await inTenant(t.db.app, pro.tenantId, async () => {
      const [row] = await (await db())('uploads')
        .insert({
          response_id: responseId,
          question_id: 'documents',
          account_id: pro.account.id,
          file_name: status === 'receiving' ? '' : 'report.pdf',
          media_type: status === 'receiving' ? '' : 'application/pdf',
          size: 100,
          storage_key: key,
          sha256: '',
          status,
          ...(createdAt ? { created_at: createdAt } : {}),
        })
        .returning('id');
      return row.id as string;
    });
    return { id, key };
  }

  const stored = (key: string) => storage.exists(pro.tenantId, key);
  const rollback = new Error('the rest of the change failed');

  it('removes a deleted document’s bytes only after the commit, and keeps them when the unit rolls back', async () => {
    const draft = await createDraftResponse(t, who());
    const upload = await storedUpload(draft.responseId);

    await expect(
      inTenant(t.db.app, pro.tenantId, async () => {
        expect(await removeUpload(pro.tenantId, draft.responseId, upload.id, { storage }, false)).toBeDefined();
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await stored(upload.key)).toBe(true);
    expect(await t.db.platform('uploads').where({ id: upload.id }).first('deleted_at')).toEqual({ deleted_at: null });

    let beforeCommit: boolean | undefined;
    await inTenant(t.db.app, pro.tenantId, async () => {
      await removeUpload(pro.tenantId, draft.responseId, upload.id, { storage }, false);
      beforeCommit = await stored(upload.key);
    });
    expect(beforeCommit).toBe(true);
    expect(await stored(upload.key)).toBe(false);
    expect((await t.db.platform('uploads').where({ id: upload.id }).first('deleted_at'))!.deleted_at).not.toBeNull();
  });

  it("removes a council document's bytes only after the commit, and keeps them when the unit rolls back", async () => {
    const child = await inTenant(t.db.app, pro.tenantId, () =>
      createChild({ forename: 'Ivy', surname: 'Stone', dateOfBirth: '2014-06-01', gender: null, school: null, address: {} as never }, { staffId: '00000000-0000-4000-8000-000000000001' }),
    );
    const key = storage.newKey();
    const file = path.join(await storage.receivingDir(), `${key}.tmp`);
    await writeFile(file, pdf());
    await storage.put(pro.tenantId, key, file);
    const [row] = await t.db.platform('uploads')
      .insert({ tenant_id: pro.tenantId, child_id: child.id, staff_id: '00000000-0000-4000-8000-000000000001', description: 'final-ehc-plan', file_name: 'plan.pdf', media_type: 'application/pdf', size: 100, storage_key: key, sha256: '', status: 'clean' })
      .returning('id');

    await expect(
      inTenant(t.db.app, pro.tenantId, async () => {
        expect(await removeCouncilDocument(pro.tenantId, child.id, row.id, { storage })).toBeDefined();
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await stored(key)).toBe(true);
    expect(await t.db.platform('uploads').where({ id: row.id }).first('deleted_at')).toEqual({ deleted_at: null });

    let beforeCommit: boolean | undefined;
    await inTenant(t.db.app, pro.tenantId, async () => {
      expect(await removeCouncilDocument(pro.tenantId, '00000000-0000-4000-8000-000000000002', row.id, { storage })).toBeUndefined();
      expect(await removeCouncilDocument(pro.tenantId, child.id, row.id, { storage })).toBeDefined();
      beforeCommit = await stored(key);
    });
    expect(beforeCommit).toBe(true);
    expect(await stored(key)).toBe(false);
    expect((await t.db.platform('uploads').where({ id: row.id }).first('deleted_at'))!.deleted_at).not.toBeNull();
  });

  it('keeps the bytes of a document a submitted version lists', async () => {
    const draft = await createDraftResponse(t, who());
    const upload = await storedUpload(draft.responseId);
    await inTenant(t.db.app, pro.tenantId, () => removeUpload(pro.tenantId, draft.responseId, upload.id, { storage }, true));
    expect(await stored(upload.key)).toBe(true);
  });

  it('removes a deleted draft’s documents after the commit, and none on a rollback', async () => {
    const draft = await createDraftResponse(t, who());
    const files = [await storedUpload(draft.responseId), await storedUpload(draft.responseId)];

    await expect(
      inTenant(t.db.app, pro.tenantId, async () => {
        expect(await removeUploadsOf(pro.tenantId, [draft.responseId], { storage })).toBe(2);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    for (const f of files) expect(await stored(f.key)).toBe(true);
    expect(await t.db.platform('uploads').where({ response_id: draft.responseId }).count({ n: '*' }).first()).toMatchObject({ n: 2 });

    await inTenant(t.db.app, pro.tenantId, () => removeUploadsOf(pro.tenantId, [draft.responseId], { storage }));
    for (const f of files) expect(await stored(f.key)).toBe(false);
  });

  it('removes a deleted child’s draft documents after the commit, and keeps child and bytes on a rollback', async () => {
    const draft = await createDraftResponse(t, who());
    const upload = await storedUpload(draft.responseId);
    const forms = formsAboutChildren({ storage });

    await expect(
      inTenant(t.db.app, pro.tenantId, async () => {
        expect(await deleteChildren(pro.account.id, [draft.childId], forms)).toBe(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await stored(upload.key)).toBe(true);
    expect(await t.db.platform('children').where({ id: draft.childId }).first('id')).toEqual({ id: draft.childId });

    expect(await inTenant(t.db.app, pro.tenantId, () => deleteChildren(pro.account.id, [draft.childId], forms))).toBe(1);
    expect(await stored(upload.key)).toBe(false);
    expect(await t.db.platform('children').where({ id: draft.childId }).first()).toBeUndefined();
    expect(await t.db.platform('uploads').where({ id: upload.id }).first()).toBeUndefined();
  });

  it('sweeps reservations older than an hour with their bytes, and leaves recent ones and documents alone', async () => {
    const draft = await createDraftResponse(t, who());
    const old = await storedUpload(draft.responseId, 'receiving', new Date(Date.now() - 2 * 3600_000));
    const recent = await storedUpload(draft.responseId, 'receiving', new Date(Date.now() - 10 * 60_000));
    const document = await storedUpload(draft.responseId, 'clean', new Date(Date.now() - 5 * 3600_000));

    expect(await sweepReservations(t.db.platform, { storage })).toBeGreaterThanOrEqual(1);
    expect(await t.db.platform('uploads').where({ id: old.id }).first()).toBeUndefined();
    expect(await stored(old.key)).toBe(false);
    for (const kept of [recent, document]) {
      expect(await t.db.platform('uploads').where({ id: kept.id }).first('id')).toEqual({ id: kept.id });
      expect(await stored(kept.key)).toBe(true);
    }
    // Nothing left to sweep.
    expect(await sweepReservations(t.db.platform, { storage })).toBe(0);
  });

  it('names the owner’s and the platform role’s credentials as problems for the web process', () => {
    expect(webCredentialProblems({})).toEqual([]);
    const both = webCredentialProblems({ DATABASE_OWNER_URL: 'postgres://portal_owner@db/portal', DATABASE_PLATFORM_URL: 'postgres://portal_platform@db/portal' });
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(/DATABASE_OWNER_URL is set/);
    expect(both[1]).toMatch(/DATABASE_PLATFORM_URL is set/);
  });

  it('refuses to start the production web process with the owner’s or the platform role’s credentials', async () => {
    const base = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      SESSION_SECRETS: 'a-long-enough-session-secret-for-the-test-0123456789',
      // Nothing listens here: the process must refuse before it connects anywhere.
      DATABASE_URL: 'postgres://portal_app:x@127.0.0.1:1/portal',
      SMTP_URL: 'smtp://127.0.0.1:1',
    };
    for (const extra of [{ DATABASE_OWNER_URL: 'postgres://portal_owner:x@127.0.0.1:1/portal' }, { DATABASE_PLATFORM_URL: 'postgres://portal_platform:x@127.0.0.1:1/portal' }]) {
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], { env: { ...base, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Refusing to start the web process');
      expect(run.stderr).toContain(Object.keys(extra)[0]);
    }
  });
});
