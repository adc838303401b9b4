import net from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { cookieHeaderOf, createProfessional, signInAs, type Agent } from '../support/accounts.js';
import { createDraftResponse } from '../support/uploads.js';

/**
 * Slow clients hold a socket, never a pooled database connection: their bodies
 * are read before the unit of work opens (forms), or after the upload's
 * reservation is committed (uploads). Outcomes only, no timings.
 */

interface SlowClient {
  /** Body bytes sent so far. */
  sent(): number;
  /** What the server has answered (empty while it is still reading). */
  answer(): string;
  stop(): void;
}

/** A client that sends its headers at once, then its body one byte a second. */
function slowClient(port: number, head: string, body: string): SlowClient {
  let sent = 0;
  let answer = '';
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write(head);
  });
  socket.on('data', (d) => (answer += d.toString('latin1')));
  socket.on('error', () => {});
  const timer = setInterval(() => {
    if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
  }, 1000);
  return {
    sent: () => sent,
    answer: () => answer,
    stop: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 100));
};

describe('availability: slow clients on one council do not stall another', () => {
  let t: TestApp;
  let port: number;
  const clients: SlowClient[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    port = await t.listen();
  });
  afterAll(async () => {
    for (const c of clients) c.stop();
    await t?.close();
  });

  it("keeps answering Vale's pages, with the pool free, while 12 slow anonymous POSTs and 15 slow uploads trickle into Leicester", async () => {
    // A signed-in professional at Vale: their pages need the database (session, account).
    const valePro = await createProfessional(t, 'vale-of-glamorgan');
    const vale = request.agent(t.app.callback());
    await signInAs(t, vale, valePro.email, valePro.password, { host: valePro.host });

    // 12 anonymous POSTs to Leicester's sign-in: no cookie, no CSRF token, a body of 1 byte a second.
    const form = 'email=someone%40school.example.org&password=Anything-1';
    for (let i = 0; i < 12; i++) {
      clients.push(slowClient(port, `POST /sign-in HTTP/1.1\r\nHost: leicester.localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n`, form));
    }
    // 15 uploads by a signed-in Leicester professional, one byte a second.
    const leicesterPro = await createProfessional(t, 'leicester', { two_step: 'email' });
    const leicester = request.agent(t.app.callback());
    await signInAs(t, leicester, leicesterPro.email, leicesterPro.password, { host: leicesterPro.host });
    const token = (await leicester.get('/').set('Host', leicesterPro.host)).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const draft = await createDraftResponse(t, leicesterPro);
    const query = new URLSearchParams({ response: draft.responseId, question: 'documents', _csrf: token });
    const multipart = `--b\r\nContent-Disposition: form-data; name="description"\r\n\r\nMedical report\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 slow\r\n--b--\r\n`;
    for (let i = 0; i < 15; i++) {
      clients.push(
        slowClient(
          port,
          `POST /uploads?${query} HTTP/1.1\r\nHost: ${leicesterPro.host}\r\nCookie: ${cookieHeaderOf(leicester)}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${multipart.length}\r\n\r\n`,
          multipart,
        ),
      );
    }
    // Every slow client is under way: its headers are in and its body has started.
    await until(() => clients.every((c) => c.sent() >= 2 || c.answer() !== ''));
    expect(clients.filter((c) => c.answer() !== '').map((c) => c.answer().split('\r\n')[0])).toEqual([]);

    const pool = (t.db.app.client as { pool: { numUsed(): number; numPendingAcquires(): number; max: number } }).pool;
    for (let i = 0; i < 10; i++) {
      const page = await vale.get('/my-account').set('Host', valePro.host);
      expect(page.status).toBe(200);
      expect(page.text).toContain(valePro.account.forename);
      expect(pool.numPendingAcquires()).toBe(0);
      expect(pool.numUsed()).toBeLessThan(pool.max);
    }
    expect((await request(t.app.callback()).get('/readyz').set('Host', 'vale.localhost')).status).toBe(200);
    // And Leicester itself still answers everyone else.
    expect((await request(t.app.callback()).get('/sign-in').set('Host', 'leicester.localhost')).status).toBe(200);
    // The slow clients were still sending all along: none of them has been answered.
    expect(clients.filter((c) => c.answer() !== '')).toHaveLength(0);
  });

  it('answers /healthz while a 5000 × 5000 BMP is taken, and keeps the BMP exactly as uploaded (no decoding)', async () => {
    const pro = await createProfessional(t, 'leicester', { two_step: 'email' });
    const agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: pro.host });
    const token = (await agent.get('/').set('Host', pro.host)).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const draft = await createDraftResponse(t, pro);
    const picture = oneBitBmp(5000, 5000);
    expect(picture.length).toBeLessThan(10 * 1024 * 1024);

    let finished = false;
    const query = new URLSearchParams({ response: draft.responseId, question: 'documents', _csrf: token });
    const uploading = agent
      .post(`/uploads?${query}`)
      .set('Host', pro.host)
      .field('back', '/')
      .field('descriptionMode', 'text')
      .field('otherDescription', 'A very large drawing')
      .attach('file', picture, 'drawing.bmp')
      .then((res) => {
        finished = true;
        return res;
      });
    const health: number[] = [];
    while (!finished) health.push((await request(t.app.callback()).get('/healthz')).status);
    const res = await uploading;
    expect(res.status).toBe(303);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
    const row = await t.db.platform('uploads').where({ response_id: draft.responseId, file_name: 'drawing.bmp' }).first();
    expect(row).toMatchObject({ media_type: 'image/bmp', status: 'clean' });
    expect(Number(row.size)).toBe(picture.length);
    const download = await agent
      .get(`/uploads/${row.id}/download`)
      .set('Host', pro.host)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(Buffer.compare(download.body as Buffer, picture)).toBe(0);
  });
});

/** A 1-bit Windows bitmap (black and white, a diagonal stripe pattern): 5000 × 5000 is about 3 MB. */
function oneBitBmp(width: number, height: number): Buffer {
  const rowSize = Math.ceil(width / 32) * 4;
  const offset = 14 + 40 + 8;
  const file = Buffer.alloc(offset + rowSize * height);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(offset, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(1, 28);
  file.writeUInt32LE(rowSize * height, 34);
  file.writeUInt32LE(2, 46);
  // Palette: black, white.
  file.writeUInt32LE(0x00000000, 54);
  file.writeUInt32LE(0x00ffffff, 58);
  for (let y = 0; y < height; y++) for (let i = 0; i < rowSize; i++) file[offset + y * rowSize + i] = (y + i) % 3 === 0 ? 0xf0 : 0x0f;
  return file;
}
