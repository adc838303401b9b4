import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { freePort } from '../../src/platform/db/embedded.js';
import { queueEmail } from '../../src/platform/mail/outbox.js';
import { createTransport, MailWorker } from '../../src/platform/mail/worker.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TestSmtpServer } from '../support/smtp.js';

describe('email outbox', () => {
  let db: TestDatabase;
  let registry: TenantRegistry;
  const smtp = new TestSmtpServer();
  let port: number;
  let worker: MailWorker;
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase();
    registry = await TenantRegistry.load(db.platform);
    port = await freePort();
    worker = new MailWorker(db.platform, registry, createTransport(`smtp://127.0.0.1:${port}`), 'portal@example.org', log);
  });
  afterAll(async () => {
    await smtp.stop();
    await db.drop();
  });

  const makeDue = () => db.platform('outbox').update({ next_attempt_at: db.platform.raw("now() - interval '1 second'") }).where({ status: 'pending' });

  it('is written in the business transaction: a rolled-back change sends nothing', async () => {
    const vale = registry.forSlug('vale-of-glamorgan')!;
    await expect(
      inTenant(db.app, vale.id, async () => {
        await queueEmail({ to: 'rolled-back@example.org', template: 'emails.portalMessage', locale: 'cy' });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await db.platform('outbox').where({ to_address: 'rolled-back@example.org' })).toEqual([]);
  });

  it('keeps a message while the SMTP server is down and delivers it when it comes back', async () => {
    const vale = registry.forSlug('vale-of-glamorgan')!;
    await inTenant(db.app, vale.id, () => queueEmail({ to: 'senco@example.org', template: 'emails.portalMessage', locale: 'cy', data: { actionUrl: 'http://vale.localhost:3000/' } }));

    // Nobody listens on the port: a temporary failure, retried later.
    expect(await worker.drain()).toEqual({ sent: 0, retrying: 1, failed: 0, held: 0 });
    const waiting = await db.platform('outbox').where({ to_address: 'senco@example.org' }).first();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.last_error).toMatch(/ECONNREFUSED/);
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
    // Not due yet: the backoff holds it back.
    expect(await worker.drain()).toEqual({ sent: 0, retrying: 0, failed: 0, held: 0 });

    await smtp.start(port);
    await makeDue();
    expect(await worker.drain()).toEqual({ sent: 1, retrying: 0, failed: 0, held: 0 });
    const email = await smtp.waitFor('senco@example.org');
    expect(email.subject).toBe('Mae gennych neges newydd yn y Porth Gweithwyr Proffesiynol');
    expect(email.text).toContain('Mewngofnodwch i');
    expect(email.text).toContain('http://vale.localhost:3000/');
    expect(email.html).toContain('Cyngor Bro Morgannwg');
    expect(email.messageId).toBe(`<${waiting.id}@vale.localhost>`);

    const sent = await db.platform('outbox').where({ id: waiting.id }).first();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, data: {}, text_body: null, html_body: null });
    // Sent once only: a further drain finds nothing.
    expect(await worker.drain()).toEqual({ sent: 0, retrying: 0, failed: 0, held: 0 });
    expect(smtp.received.filter((m) => m.to.includes('senco@example.org')).length).toBe(1);
  });

  it('sends English to an English-only council even if Welsh was asked for', async () => {
    const dudley = registry.forSlug('dudley')!;
    await inTenant(db.app, dudley.id, () => queueEmail({ to: 'worker@example.org', template: 'emails.portalMessage', locale: 'cy' }));
    await worker.drain();
    const email = await smtp.waitFor('worker@example.org');
    expect(email.subject).toBe("You have a new message in the Children's Social Care and Early Help Portal");
  });

  it('marks a message that can never be sent as failed, without retrying', async () => {
    const leicester = registry.forSlug('leicester')!;
    await inTenant(db.app, leicester.id, () => queueEmail({ to: 'x@example.org', template: 'emails.noSuchTemplate', locale: 'en' }));
    expect(await worker.drain()).toEqual({ sent: 0, retrying: 0, failed: 1, held: 0 });
    const row = await db.platform('outbox').where({ to_address: 'x@example.org' }).first();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/No email template "emails.noSuchTemplate"/);
  });

  it('lets two workers drain at once without sending anything twice', async () => {
    const stoke = registry.forSlug('stoke-on-trent')!;
    await inTenant(db.app, stoke.id, async () => {
      for (let i = 0; i < 10; i++) await queueEmail({ to: `many${i}@example.org`, template: 'emails.portalMessage', locale: 'en' });
    });
    const other = new MailWorker(db.platform, registry, createTransport(`smtp://127.0.0.1:${port}`), 'portal@example.org', log);
    const [one, two] = await Promise.all([worker.drain(5), other.drain(5)]);
    expect(one.sent + two.sent).toBe(10);
    const many = smtp.received.filter((m) => m.to.some((a) => a.startsWith('many')));
    expect(new Set(many.map((m) => m.to[0])).size).toBe(10);
    expect(many.length).toBe(10);
  });

  it('claims one council at a time, a fair share each: a flood in one council does not hold back another', async () => {
    const dudley = registry.forSlug('dudley')!;
    const redcar = registry.forSlug('redcar-and-cleveland')!;
    await inTenant(db.app, dudley.id, async () => {
      for (let i = 0; i < 30; i++) await queueEmail({ to: `flood${i}@example.org`, template: 'emails.portalMessage', locale: 'en' });
    });
    // The flood is older than the one message of the other council.
    await db.platform('outbox').where({ tenant_id: dudley.id, status: 'pending' }).update({ next_attempt_at: db.platform.raw("now() - interval '1 hour'") });
    await inTenant(db.app, redcar.id, () => queueEmail({ to: 'code@example.org', template: 'emails.portalMessage', locale: 'en' }));
    await makeDue();
    await db.platform('outbox').where({ tenant_id: dudley.id, status: 'pending' }).update({ next_attempt_at: db.platform.raw("now() - interval '1 hour'") });

    const claims: string[] = [];
    const listen = (q: { sql: string }) => {
      if (/update outbox o set next_attempt_at/.test(q.sql)) claims.push(q.sql);
    };
    db.platform.on('query', listen);
    let first;
    try {
      first = await worker.drain(10);
    } finally {
      db.platform.off('query', listen);
    }
    const floodSent = async () => Number((await db.platform('outbox').where({ tenant_id: dudley.id, status: 'sent' }).whereLike('to_address', 'flood%').count({ n: '*' }).first())!.n);
    // Taken in order of lateness, the flood alone would have filled the round; a fair share leaves room.
    expect(await db.platform('outbox').where({ to_address: 'code@example.org' }).first('status')).toEqual({ status: 'sent' });
    expect(first.sent).toBeGreaterThanOrEqual(2);
    expect(await floodSent()).toBeLessThanOrEqual(5);
    // Each claim names its council (one shard under Citus), one claim per council with mail due.
    expect(claims.length).toBeGreaterThanOrEqual(2);
    for (const sql of claims) expect(sql).toMatch(/select id from outbox\s+where tenant_id = \$1 [^]*where o.tenant_id = \$3 and o.id = chosen.id/);
    while ((await worker.drain(25)).sent) {
      /* the rest of the flood */
    }
    expect(await floodSent()).toBe(30);
  });
});
