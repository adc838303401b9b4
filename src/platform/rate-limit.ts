import { createHash } from 'node:crypto';
import { audit } from './audit.js';
import { commit, db } from './db/unit-of-work.js';

/**
 * Fixed-window counters (table `rate_limits`), each council its own. Keys
 * (email addresses, IP addresses) are kept only as hashes.
 */

export interface Limit {
  /** What is limited, e.g. "sign-in:account". */
  bucket: string;
  max: number;
  windowSeconds: number;
}

function windowOf(limit: Limit, now = Date.now()): Date {
  return new Date(Math.floor(now / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000);
}

const hashed = (key: string) => createHash('sha256').update(key.toLowerCase()).digest('base64url');

/** When the current window of `limit` ends. */
export function windowEnd(limit: Limit): Date {
  return new Date(windowOf(limit).getTime() + limit.windowSeconds * 1000);
}

/** How many attempts `key` has made in this window of `limit`, without counting one. */
export async function hits(limit: Limit, key: string): Promise<number> {
  const row = await (await db())('rate_limits').where({ bucket: limit.bucket, key: hashed(key), window_start: windowOf(limit) }).first('hits');
  return row?.hits ?? 0;
}

/** Whether `key` has already used up `limit` in this window, without counting an attempt. */
export async function exhausted(limit: Limit, key: string): Promise<boolean> {
  return (await hits(limit, key)) >= limit.max;
}

/** Counts one attempt and returns how many there have been in this window (this one included). */
export async function count(limit: Limit, key: string): Promise<number> {
  const trx = await db();
  const [row] = await trx('rate_limits')
    .insert({ bucket: limit.bucket, key: hashed(key), window_start: windowOf(limit), hits: 1 })
    .onConflict(['tenant_id', 'bucket', 'key', 'window_start'])
    .merge({ hits: trx.raw('rate_limits.hits + 1') })
    .returning('hits');
  return row.hits;
}

/** Counts one attempt and says whether it is still allowed. */
export async function allow(limit: Limit, key: string): Promise<boolean> {
  return (await count(limit, key)) <= limit.max;
}

/** Counts the attempt against every limit given; all must allow it. */
export async function allowAll(checks: [Limit, string][]): Promise<boolean> {
  let allowed = true;
  for (const [limit, key] of checks) allowed = (await allow(limit, key)) && allowed;
  return allowed;
}

/** Forgets `key`'s attempts against `limit` (e.g. after a complete sign-in). */
export async function reset(limit: Limit, key: string): Promise<void> {
  await (await db())('rate_limits').where({ bucket: limit.bucket, key: hashed(key) }).delete();
}

/**
 * Counts the attempt against every limit in its own short unit of work, committed
 * at once: a refused attempt is counted (and audited as `<action>.refused`), and
 * no counter row stays locked while slow work (argon2) runs, so people behind one
 * address are not made to wait for each other. Throws 429 when a limit is used up.
 */
export async function countAttempt(action: string, checks: [Limit, string][], details: Record<string, unknown> = {}): Promise<void> {
  const allowed = await allowAll(checks);
  if (!allowed) await audit(`${action}.refused`, { details: { ...details, limits: checks.map(([limit]) => limit.bucket) } });
  await commit();
  if (!allowed) throw Object.assign(new Error('Too many attempts'), { status: 429, expose: false });
}
