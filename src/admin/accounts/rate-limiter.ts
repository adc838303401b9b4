import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

const hashed = (key: string) => createHash('sha256').update(key.toLowerCase()).digest('base64url');

/**
 * A fixed-window counter per key (an IP address) in `platform_rate_limits`, so
 * every admin replica shares it: a brake on guessing from one address. The
 * per-account lock (5 failures, 15 minutes) is separate, on the admin's row.
 */
export class RateLimiter {
  constructor(
    private readonly platform: Knex,
    private readonly bucket: string,
    private readonly max: number,
    private readonly windowSeconds: number,
  ) {}

  /** Counts one attempt; false once `max` attempts were made in this window. */
  async allow(key: string): Promise<boolean> {
    const windowMs = this.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
    const [row] = await this.platform('platform_rate_limits')
      .insert({ bucket: this.bucket, key: hashed(key), window_start: windowStart, hits: 1 })
      .onConflict(['bucket', 'key', 'window_start'])
      .merge({ hits: this.platform.raw('platform_rate_limits.hits + 1') })
      .returning('hits');
    return row.hits <= this.max;
  }
}

/** Removes finished windows and expired admin sessions (a scheduled job). */
export async function cleanAdminCounters(platform: Knex): Promise<void> {
  await platform('platform_rate_limits').where('window_start', '<', new Date(Date.now() - 24 * 3600_000)).delete();
  await platform('platform_admin_sessions').where('expires_at', '<', new Date()).delete();
}
