import type { Knex } from 'knex';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { admins, type AdminRow } from './admins.js';
import { checkTotp } from './totp.js';

/** argon2id, as src/accounts/passwords.ts (OWASP minimum: 19 MiB, 2 passes). */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const hashAdminPassword = (password: string) => hash(password, ARGON2);
const decoy = hash('no administrator has this password', ARGON2);

/** Five failures (password or code) lock the account for 15 minutes. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type Check = { ok: true; admin: AdminRow } | { ok: false; lockedUntil?: Date };

const lockedUntil = (admin: AdminRow | undefined) => (admin?.locked_until && admin.locked_until.getTime() > Date.now() ? admin.locked_until : undefined);

async function failure(platform: Knex, admin: AdminRow): Promise<Date | undefined> {
  const failures = admin.failed_attempts + 1;
  if (failures >= MAX_FAILURES) {
    const until = new Date(Date.now() + LOCK_MINUTES * 60_000);
    await admins.update(platform, admin.id, { failed_attempts: 0, locked_until: until });
    return until;
  }
  await admins.update(platform, admin.id, { failed_attempts: failures });
  return undefined;
}

/** Email and password: the same answer and the same argon2 work whatever is wrong. */
export async function checkAdminPassword(platform: Knex, email: string, password: string): Promise<Check> {
  const admin = await admins.byEmail(platform, email);
  const locked = lockedUntil(admin);
  if (locked) {
    await verify(await decoy, password).catch(() => false);
    return { ok: false, lockedUntil: locked };
  }
  const right = admin?.password_hash ? await verify(admin.password_hash, password).catch(() => false) : await verify(await decoy, password).catch(() => false) && false;
  if (admin && right && admin.status === 'active') return { ok: true, admin };
  if (admin) return { ok: false, lockedUntil: await failure(platform, admin) };
  return { ok: false };
}

/** The authenticator code (or a recovery code) after the password. */
export async function checkAdminCode(platform: Knex, adminId: string, typed: string): Promise<Check & { recovery?: boolean }> {
  const admin = await admins.byId(platform, adminId);
  if (!admin || admin.status !== 'active' || !admin.totp_secret) return { ok: false };
  const locked = lockedUntil(admin);
  if (locked) return { ok: false, lockedUntil: locked };
  const code = typed.replace(/\s+/g, '');
  if (/^\d{6}$/.test(code)) {
    const step = await checkTotp(admin.totp_secret, code, admin.totp_last_step);
    if (step !== undefined) {
      await admins.update(platform, admin.id, { totp_last_step: step, failed_attempts: 0, locked_until: null, last_sign_in_at: new Date() });
      return { ok: true, admin };
    }
  } else if (code.length >= 12 && (await admins.useRecoveryCode(platform, admin.id, code))) {
    await admins.update(platform, admin.id, { failed_attempts: 0, locked_until: null, last_sign_in_at: new Date() });
    return { ok: true, admin, recovery: true };
  }
  return { ok: false, lockedUntil: await failure(platform, admin) };
}
