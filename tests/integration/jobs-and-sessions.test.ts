import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { claimRun, runJob } from '../../src/platform/jobs/scheduler.js';
import { buildTestApp, type TestApp } from '../support/app.js';

describe('jobs that run once across replicas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('lets only one replica claim a tick', async () => {
    const slot = new Date('2026-11-26T10:00:00Z');
    const claims = await Promise.all([1, 2, 3].map(() => claimRun(t.db.platform, 'sessions:clean', slot)));
    expect(claims.filter(Boolean).length).toBe(1);
    expect(await claimRun(t.db.platform, 'sessions:clean', new Date('2026-11-26T10:10:00Z'))).toBe(true);
  });

  it('runs a claimed job once and records how it ended', async () => {
    let runs = 0;
    const job = { name: 'count', schedule: '* * * * *', once: true, run: async () => void runs++ };
    const at = new Date('2026-11-26T11:00:00.400Z');
    const log = pino({ level: 'silent' });
    const ran = await Promise.all([runJob(t.db.platform, job, at, log), runJob(t.db.platform, job, new Date('2026-11-26T11:00:00.900Z'), log)]);
    expect(ran.filter(Boolean).length).toBe(1);
    expect(runs).toBe(1);
    const row = await t.db.platform('job_runs').where({ job: 'count' }).first();
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.error).toBeNull();
  });

  it('removes expired sessions with the clean-up query', async () => {
    const tenant = t.registry.forSlug('leicester')!;
    await inTenant(t.db.app, tenant.id, async () =>
      (await db())('sessions').insert([
        { id: 'old', data: {}, expires_at: new Date(Date.now() - 1000) },
        { id: 'live', data: {}, expires_at: new Date(Date.now() + 60_000) },
      ]),
    );
    await t.db.platform('sessions').where('expires_at', '<', new Date()).delete();
    const left = await inTenant(t.db.app, tenant.id, async () => (await db())('sessions').pluck('id'));
    expect(left).toEqual(['live']);
  });
});

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    // A route that stores something in the session, as sign-in will.
    t.app.tenant.middleware.splice(t.app.tenant.middleware.length - 1, 0, async (ctx, next) => {
      if (ctx.path === '/_test/remember') {
        ctx.session!.returnTo = String(ctx.query.value);
        ctx.body = 'ok';
        return;
      }
      if (ctx.path === '/_test/recall') {
        ctx.body = String(ctx.session!.returnTo ?? 'nothing');
        return;
      }
      await next();
    });
  });
  afterAll(() => t.close());

  it('keeps a session on its own host and ignores its cookie on another council', async () => {
    const server = t.app.callback();
    const set = await request(server).get('/_test/remember?value=vale-secret').set('Host', 'vale.localhost');
    const cookies = set.headers['set-cookie'] as unknown as string[];
    const sid = cookies.filter((c) => c.startsWith('portal.sid')).map((c) => c.split(';')[0]).join('; ');
    expect(sid).toMatch(/portal\.sid=.+; portal\.sid\.sig=.+/);
    expect(cookies.find((c) => c.startsWith('portal.sid='))).toMatch(/httponly/i);
    expect(cookies.find((c) => c.startsWith('portal.sid='))).toMatch(/samesite=lax/i);

    const same = await request(server).get('/_test/recall').set('Host', 'vale.localhost').set('Cookie', sid);
    expect(same.text).toBe('vale-secret');
    const other = await request(server).get('/_test/recall').set('Host', 'dudley.localhost').set('Cookie', sid);
    expect(other.text).toBe('nothing');
  });

  it('stores only a hash of the session key, with an idle expiry from the council config', async () => {
    const server = t.app.callback();
    const set = await request(server).get('/_test/remember?value=x').set('Host', 'stoke.localhost');
    const key = decodeURIComponent((set.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('portal.sid='))!.split(';')[0]!.split('=')[1]!);
    const rows = await t.db.platform('sessions').select('id', 'expires_at');
    expect(rows.some((r) => r.id === key)).toBe(false);
    const minutes = t.registry.forSlug('stoke-on-trent')!.session.idleTimeoutMinutes;
    const newest = rows.sort((a, b) => b.expires_at - a.expires_at)[0]!;
    const remaining = (newest.expires_at.getTime() - Date.now()) / 60_000;
    expect(remaining).toBeGreaterThan(minutes - 1);
    expect(remaining).toBeLessThanOrEqual(minutes);
  });

  it('ignores a session whose idle time has run out', async () => {
    const server = t.app.callback();
    const set = await request(server).get('/_test/remember?value=stale').set('Host', 'redcar.localhost');
    const sid = (set.headers['set-cookie'] as unknown as string[]).filter((c) => c.startsWith('portal.sid')).map((c) => c.split(';')[0]).join('; ');
    await t.db.platform('sessions').update({ expires_at: new Date(Date.now() - 1000) });
    const later = await request(server).get('/_test/recall').set('Host', 'redcar.localhost').set('Cookie', sid);
    expect(later.text).toBe('nothing');
  });
});
