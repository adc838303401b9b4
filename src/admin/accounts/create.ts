import type { Knex } from 'knex';
import { admins, newSetupToken } from './admins.js';

export class AdminAccountError extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreatedAdmin {
  id: string;
  email: string;
  /** The one-time set-up link, valid 24 hours. */
  link: string;
  expires: Date;
}

/**
 * `npm run admin:create`: a platform administrator who is not set up yet, and a
 * one-time link (24 h) where they choose a password and register an
 * authenticator app. Asking again for an admin not set up yet replaces the link.
 */
export async function createPlatformAdmin(platform: Knex, emailTyped: string, adminBaseUrl: string): Promise<CreatedAdmin> {
  const email = emailTyped.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AdminAccountError(`"${emailTyped}" is not an email address`);
  const existing = await admins.byEmail(platform, email);
  if (existing && existing.status !== 'invited') throw new AdminAccountError(`${email} is already a platform administrator (${existing.status})`);
  const setup = newSetupToken();
  let id: string;
  if (existing) {
    id = existing.id;
    await admins.update(platform, id, { setup_token_hash: setup.hash, setup_expires_at: setup.expires });
  } else {
    const [row] = await platform('platform_admins').insert({ email, status: 'invited', setup_token_hash: setup.hash, setup_expires_at: setup.expires }).returning('id');
    id = row.id;
  }
  await platform('platform_audit_log').insert({ action: existing ? 'admin.setup-link-renewed' : 'admin.created', details: { email, by: 'admin:create' } });
  return { id, email, link: `${adminBaseUrl.replace(/\/$/, '')}/setup/${setup.token}`, expires: setup.expires };
}
