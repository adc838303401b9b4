import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export interface AdminRow {
  id: string;
  email: string;
  status: 'invited' | 'active' | 'disabled';
  password_hash: string | null;
  totp_secret: string | null;
  totp_last_step: number | null;
  failed_attempts: number;
  locked_until: Date | null;
}

export const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/** Queries of platform_admins and their recovery codes (platform role only). */
export const admins = {
  byEmail(platform: Knex, email: string): Promise<AdminRow | undefined> {
    return platform('platform_admins').where({ email: email.trim().toLowerCase() }).first();
  },
  byId(platform: Knex, id: string): Promise<AdminRow | undefined> {
    return platform('platform_admins').where({ id }).first();
  },
  bySetupToken(platform: Knex, token: string): Promise<AdminRow | undefined> {
    return platform('platform_admins').where({ setup_token_hash: digest(token), status: 'invited' }).andWhere('setup_expires_at', '>', new Date()).first();
  },
  async update(platform: Knex, id: string, values: Partial<Omit<AdminRow, 'id'>> & { setup_token_hash?: string | null; setup_expires_at?: Date | null; last_sign_in_at?: Date }): Promise<void> {
    await platform('platform_admins').where({ id }).update({ ...values, updated_at: new Date() });
  },
  /** Replaces the recovery codes with `codes` (stored hashed). */
  async replaceRecoveryCodes(platform: Knex, id: string, codes: string[]): Promise<void> {
    await platform.transaction(async (trx) => {
      await trx('platform_admin_recovery_codes').where({ admin_id: id }).delete();
      await trx('platform_admin_recovery_codes').insert(codes.map((code) => ({ admin_id: id, code_hash: digest(normaliseRecoveryCode(code)) })));
    });
  },
  /** Uses a recovery code once; false if it is not one of the admin's unused codes. */
  async useRecoveryCode(platform: Knex, id: string, code: string): Promise<boolean> {
    const used = await platform('platform_admin_recovery_codes')
      .where({ admin_id: id, code_hash: digest(normaliseRecoveryCode(code)) })
      .whereNull('used_at')
      .update({ used_at: new Date() });
    return used === 1;
  },
  async unusedRecoveryCodes(platform: Knex, id: string): Promise<number> {
    const [row] = await platform('platform_admin_recovery_codes').where({ admin_id: id }).whereNull('used_at').count({ n: '*' });
    return Number(row?.n ?? 0);
  },
};

export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Ten codes like "k7pq-x2mw-9rtd", each usable once instead of the authenticator. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** A new set-up link token (only its hash is kept), valid 24 hours. */
export function newSetupToken(): { token: string; hash: string; expires: Date } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: digest(token), expires: new Date(Date.now() + 24 * 3600_000) };
}
