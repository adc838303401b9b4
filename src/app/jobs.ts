import type { Knex } from 'knex';
import { expiredDraftsJob } from '../forms/draft-expiry.js';
import { draftRemindersJob } from '../forms/draft-reminders.js';
import type { MailWorker } from '../platform/mail/worker.js';
import { cleanJobRuns, type Job } from '../platform/jobs/scheduler.js';
import { cleanExpiredSessions } from '../platform/http/session.js';
import { reservationSweepJob, uploadScanJob } from '../uploads/scan-job.js';
import type { Services } from './services.js';
import { cleanAdminCounters } from '../admin/accounts/rate-limiter.js';
import type { Tenant } from '../tenancy/schema.js';

/** A council's portal address for links in emails sent by jobs: its public host in production, its .localhost host elsewhere. */
function portalUrl(tenant: Tenant, config: Services['config']): string {
  const production = config.NODE_ENV === 'production';
  const dev = (h: string) => h.endsWith('.localhost');
  const host = (production ? tenant.hostnames.find((h) => !dev(h)) : tenant.hostnames.find(dev)) ?? tenant.hostnames[0]!;
  return production ? `https://${host}` : `http://${host}:${config.PORT}`;
}

/** The job table: everything the worker runs on a schedule. */
export function jobTable(services: Services & { db: { platform: Knex } }, mail: MailWorker): Job[] {
  const { db, registry, storage, scanner } = services;
  const platform = db.platform;
  return [
    { name: 'mail:send', schedule: '*/5 * * * * *', once: false, run: () => mail.drain() },
    { name: 'tenants:reload', schedule: '*/30 * * * * *', once: false, run: () => registry.reload(platform) },
    { name: 'sessions:clean', schedule: '0 */10 * * * *', once: true, run: () => cleanExpiredSessions(platform) },
    uploadScanJob(platform, { storage, scanner }),
    reservationSweepJob(platform, { storage }),
    expiredDraftsJob(platform, { storage }),
    { name: 'admin:clean', schedule: '0 */10 * * * *', once: true, run: () => cleanAdminCounters(platform) },
    draftRemindersJob(platform, { registry, library: services.forms, portalUrl: (tenant) => portalUrl(tenant, services.config) }),
    { name: 'job-runs:clean', schedule: '0 0 3 * * *', once: true, run: () => cleanJobRuns(platform) },
  ];
}
