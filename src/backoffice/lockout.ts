import { tenantTrx } from '../platform/db/tenant-context.js';
import { LIMITS, type Limit } from '../accounts/rate-limit.js';

/**
 * Staff sign-in limits: the shared LIMITS, counted in their own buckets so a
 * person's professional and staff accounts never use up each other's tries.
 */
export const STAFF_LIMITS = {
  signInPerAccount: { ...LIMITS.signInPerAccount, bucket: `staff-${LIMITS.signInPerAccount.bucket}` },
  signInPerAddress: { ...LIMITS.signInPerAddress, bucket: `staff-${LIMITS.signInPerAddress.bucket}` },
  codePerAccount: { ...LIMITS.codePerAccount, bucket: `staff-${LIMITS.codePerAccount.bucket}` },
  codePerAddress: { ...LIMITS.codePerAddress, bucket: `staff-${LIMITS.codePerAddress.bucket}` },
  newCodePerAccount: { ...LIMITS.newCodePerAccount, bucket: `staff-${LIMITS.newCodePerAccount.bucket}` },
} satisfies Record<string, Limit>;

/**
 * Wrong passwords per email address. After five in a window, sign-in is paused
 * for that address until the window ends, whether or not the address has an
 * account: the pause itself says nothing about who is registered.
 */
export const SIGN_IN_FAILURES: Limit = { bucket: 'staff-sign-in:failures', max: 5, windowSeconds: 15 * 60 };

const windowStart = (limit: Limit, now = Date.now()) => new Date(Math.floor(now / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000);

/** When the pause for this address ends, if sign-in is paused now. */
export async function pausedUntil(email: string): Promise<Date | undefined> {
  const start = windowStart(SIGN_IN_FAILURES);
  const row: { hits: number } | undefined = await tenantTrx()('rate_limits')
    .where({ bucket: SIGN_IN_FAILURES.bucket, key: email.toLowerCase(), window_start: start })
    .first('hits');
  if (!row || row.hits < SIGN_IN_FAILURES.max) return undefined;
  return new Date(start.getTime() + SIGN_IN_FAILURES.windowSeconds * 1000);
}

/** Counts a wrong password for this address; returns when sign-in is paused, if this failure paused it. */
export async function countFailure(email: string): Promise<Date | undefined> {
  const start = windowStart(SIGN_IN_FAILURES);
  const [row] = await tenantTrx()('rate_limits')
    .insert({ bucket: SIGN_IN_FAILURES.bucket, key: email.toLowerCase(), window_start: start, hits: 1 })
    .onConflict(['tenant_id', 'bucket', 'key', 'window_start'])
    .merge({ hits: tenantTrx().raw('rate_limits.hits + 1') })
    .returning('hits');
  return row.hits >= SIGN_IN_FAILURES.max ? new Date(start.getTime() + SIGN_IN_FAILURES.windowSeconds * 1000) : undefined;
}

/** Forgets the wrong passwords for this address (after a complete sign-in). */
export async function clearFailures(email: string): Promise<void> {
  await tenantTrx()('rate_limits').where({ bucket: SIGN_IN_FAILURES.bucket, key: email.toLowerCase() }).delete();
}
