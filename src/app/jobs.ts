import type { Knex } from 'knex';
import { expiredDraftsJob } from '../forms/draft-expiry.js';
import { draftRemindersJob } from '../forms/draft-reminders.js';
import type { MailWorker } from '../platform/mail/worker.js';
import { cleanJobRuns, type Job } from '../platform/jobs/scheduler.js';
import { cleanExpiredSessions } from '../platform/http/session.js';
import { reservationSweepJob, uploadScanJob } from '../uploads/scan-job.js';
import type { Services } from './services.js';
import { cleanAdminCounters } from '../admin/accounts/rate-limiter.js';
import { publicOrigin, publicUrlSettings } from '../tenancy/urls.js';

/** The job table: everything the worker runs on a schedule. */
export function jobTable(services: Services & { db: { platform: Knex } }, mail: MailWorker): Job[] {
  const { db, registry, storage, scanner } = services;
  const platform = db.platform;
  // Links in emails sent by jobs: as the council's pages write them (never from a request).
  const urls = publicUrlSettings(services.config);
  return [
    { name: 'mail:send', schedule: '*/5 * * * * *', once: false, run: () => mail.drain() },
    { name: 'tenants:reload', schedule: '*/30 * * * * *', once: false, run: () => registry.reload(platform) },
    { name: 'sessions:clean', schedule: '0 */10 * * * *', once: true, run: () => cleanExpiredSessions(platform) },
    uploadScanJob(platform, { storage, scanner }),
    reservationSweepJob(platform, { storage }),
    expiredDraftsJob(platform, { storage }),
    { name: 'admin:clean', schedule: '0 */10 * * * *', once: true, run: () => cleanAdminCounters(platform) },
    draftRemindersJob(platform, { registry, library: services.forms, portalUrl: (tenant) => publicOrigin(tenant, urls) }),
    { name: 'job-runs:clean', schedule: '0 0 3 * * *', once: true, run: () => cleanJobRuns(platform) },
  ];
}
