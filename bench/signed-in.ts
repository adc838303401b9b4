import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '../src/accounts/passwords.js';
import { connect } from '../src/platform/db/connections.js';
import { startClamd } from '../tests/support/clamd.js';
import { timeUpload } from '../tests/support/uploads.js';
import type { BenchContext } from './scenarios.js';

const HOST = 'leicester.localhost';
const EMAIL = 'bench.senco@school.example.org';
const PASSWORD = 'Bench-Marks-2026!';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

/** How long argon2id takes here: every sign-in and registration pays it once. */
export async function argon2Cost(bench: BenchContext): Promise<void> {
  const hashes: number[] = [];
  const verifies: number[] = [];
  let hash = '';
  for (let i = 0; i < 5; i++) {
    let started = performance.now();
    hash = await hashPassword(PASSWORD);
    hashes.push(performance.now() - started);
    started = performance.now();
    await verifyPassword(hash, PASSWORD);
    verifies.push(performance.now() - started);
  }
  bench.note('argon2id hash, m=19 MiB t=2 p=1 (median ms)', round(median(hashes)));
  bench.note('argon2id verify (median ms)', round(median(verifies)));
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to the portal with a cookie jar; a form's values may repeat (`people: [id, id]`). */
export function send(base: string, method: string, path: string, cookies: Map<string, string>, form?: Record<string, string | string[]>, host = HOST): Promise<Reply> {
  const url = new URL(path, base);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form ?? {})) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  const body = form ? params.toString() : undefined;
  const headers: http.OutgoingHttpHeaders = { host, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (body) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          const [name, ...rest] = pair!.split('=');
          cookies.set(name!.trim(), rest.join('='));
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

let session: { cookie: string; children: number } | undefined;

/**
 * A Leicester professional with Two Step Verification, signed in through the real
 * pages (the code is read from the unsent outbox), with `children` linked children.
 * Idempotent: more children are added when a later scenario asks for more.
 */
export async function selectPersonSession(bench: BenchContext, children: number): Promise<{ headers: Record<string, string> }> {
  const { platform } = bench.db;
  const tenantId = bench.registry.forHost(HOST)!.id;
  let account = await platform('accounts').where({ tenant_id: tenantId, kind: 'professional', email: EMAIL }).first('id');
  if (!account) {
    [account] = await platform('accounts')
      .insert({ tenant_id: tenantId, kind: 'professional', email: EMAIL, password_hash: await hashPassword(PASSWORD), status: 'active', forename: 'Bench', surname: 'Senco', two_step: 'email', email_confirmed_at: new Date() })
      .returning('id');
  }
  const [{ count }] = (await platform('child_links').where({ tenant_id: tenantId, account_id: account.id }).count({ count: '*' })) as [{ count: string | number }];
  const missing = children - Number(count);
  if (missing > 0) {
    const started = performance.now();
    const surnames = ['Jones', 'Smith', 'Patel', 'Williams', 'Brown', 'Khan', 'Davies', 'Evans', 'Wilson', 'Thomas'];
    for (let done = 0; done < missing; done += 5000) {
      const batch = Array.from({ length: Math.min(5000, missing - done) }, (_, i) => {
        const n = Number(count) + done + i;
        // One child in a hundred is a Taylor, for the filter.
        const surname = n % 100 === 0 ? 'Taylor' : surnames[n % surnames.length]!;
        const day = String((n % 28) + 1).padStart(2, '0');
        const month = String((n % 12) + 1).padStart(2, '0');
        return { tenant_id: tenantId, forename: `Child${n}`, surname, date_of_birth: `${2008 + (n % 15)}-${month}-${day}`, school: `School ${n % 40}`, postcode: 'LE4 0SZ', town: 'Leicester', created_by_account: account.id };
      });
      const ids: { id: string }[] = await platform('children').insert(batch).returning('id');
      await platform.batchInsert('child_links', ids.map(({ id }) => ({ tenant_id: tenantId, child_id: id, account_id: account.id, source: 'added' })), 5000);
    }
    // As autovacuum would after a bulk load (statistics, and the visibility map for index-only scans); only the owner may.
    const owner = connect(bench.db.urls.owner, 1);
    await owner.raw('vacuum analyze children, child_links, child_search_tokens');
    await owner.destroy();
    bench.note(`insert ${missing} children and links (ms)`, Math.round(performance.now() - started));
  }
  if (!session) {
    const cookies = new Map<string, string>();
    const form = await send(bench.portalUrl, 'GET', '/sign-in', cookies);
    const token = form.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const first = await send(bench.portalUrl, 'POST', '/sign-in', cookies, { _csrf: token, email: EMAIL, password: PASSWORD });
    if (first.headers.location !== '/sign-in/code') throw new Error(`bench sign-in did not ask for a code (status ${first.status})`);
    const outbox = await platform('outbox').where({ tenant_id: tenantId, to_address: EMAIL }).orderBy('seq', 'desc').first('data');
    const done = await send(bench.portalUrl, 'POST', '/sign-in/code', cookies, { _csrf: token, code: String(outbox.data.code) });
    if (done.status !== 303) throw new Error(`bench code was refused (status ${done.status})`);
    session = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), children };
  }
  return { headers: { cookie: session.cookie } };
}

/** A 10 MB PDF through streaming, type checks and a real clamd scan (no database insert), five times. */
export async function tenUploadsThroughScan(bench: BenchContext): Promise<void> {
  const clamd = await startClamd();
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const timing = await timeUpload(clamd);
      if (timing.scan !== 'clean') throw new Error(`the bench upload was not scanned clean: ${timing.scan}`);
      times.push(timing.ms);
    }
    bench.note('10 MB upload, stream + type check + clamd scan (median ms)', round(median(times)));
    bench.note('10 MB upload, stream + type check + clamd scan (max ms)', round(Math.max(...times)));
  } finally {
    await clamd.dispose();
  }
}
