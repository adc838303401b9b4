import { tenantTrx } from '../platform/db/tenant-context.js';

export interface Limit {
  /** What is limited, e.g. "sign-in:account". */
  bucket: string;
  max: number;
  windowSeconds: number;
}

/** The limits of the account journeys: per account (email) and per address (IP). */
export const LIMITS = {
  /** Failed sign-ins per email address, known or not: the lock-out. */
  signInFailuresPerAccount: { bucket: 'sign-in-failures:account', max: 5, windowSeconds: 15 * 60 },
  signInPerAccount: { bucket: 'sign-in:account', max: 20, windowSeconds: 15 * 60 },
  signInPerAddress: { bucket: 'sign-in:address', max: 100, windowSeconds: 15 * 60 },
  registerPerAddress: { bucket: 'register:address', max: 20, windowSeconds: 60 * 60 },
  codePerAccount: { bucket: 'code:account', max: 15, windowSeconds: 15 * 60 },
  codePerAddress: { bucket: 'code:address', max: 60, windowSeconds: 15 * 60 },
  newCodePerAccount: { bucket: 'new-code:account', max: 5, windowSeconds: 15 * 60 },
  resetPerAccount: { bucket: 'reset:account', max: 5, windowSeconds: 60 * 60 },
  resetPerAddress: { bucket: 'reset:address', max: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

function windowOf(limit: Limit): Date {
  return new Date(Math.floor(Date.now() / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000);
}

/** Whether `key` has already used up `limit` in this window, without counting an attempt. */
export async function exhausted(limit: Limit, key: string): Promise<boolean> {
  const row = await tenantTrx()('rate_limits').where({ bucket: limit.bucket, key: key.toLowerCase(), window_start: windowOf(limit) }).first('hits');
  return (row?.hits ?? 0) >= limit.max;
}

/**
 * Counts one attempt in a fixed window and says whether it is still allowed.
 * Counted in the tenant transaction, so each council has its own counters.
 */
export async function allow(limit: Limit, key: string): Promise<boolean> {
  const windowStart = windowOf(limit);
  const [row] = await tenantTrx()('rate_limits')
    .insert({ bucket: limit.bucket, key: key.toLowerCase(), window_start: windowStart, hits: 1 })
    .onConflict(['tenant_id', 'bucket', 'key', 'window_start'])
    .merge({ hits: tenantTrx().raw('rate_limits.hits + 1') })
    .returning('hits');
  return row.hits <= limit.max;
}

/** Counts the attempt against every limit given; all must allow it. */
export async function allowAll(checks: [Limit, string][]): Promise<boolean> {
  let allowed = true;
  for (const [limit, key] of checks) allowed = (await allow(limit, key)) && allowed;
  return allowed;
}
