import type { Limit } from '../platform/rate-limit.js';

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

/**
 * Staff sign-in limits: the same numbers, counted in their own buckets so a
 * person's professional and staff accounts never use up each other's tries.
 * After five wrong passwords in a window, staff sign-in is paused for that
 * address until the window ends, whether or not it has an account.
 */
export const STAFF_LIMITS = {
  signInPerAccount: { ...LIMITS.signInPerAccount, bucket: `staff-${LIMITS.signInPerAccount.bucket}` },
  signInPerAddress: { ...LIMITS.signInPerAddress, bucket: `staff-${LIMITS.signInPerAddress.bucket}` },
  codePerAccount: { ...LIMITS.codePerAccount, bucket: `staff-${LIMITS.codePerAccount.bucket}` },
  codePerAddress: { ...LIMITS.codePerAddress, bucket: `staff-${LIMITS.codePerAddress.bucket}` },
  newCodePerAccount: { ...LIMITS.newCodePerAccount, bucket: `staff-${LIMITS.newCodePerAccount.bucket}` },
  signInFailures: { bucket: 'staff-sign-in:failures', max: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;
