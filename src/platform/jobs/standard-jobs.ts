import type { Knex } from 'knex';
import type { MailWorker } from '../mail/worker.js';
import type { TenantRegistry } from '../../tenancy/registry.js';
import type { Job } from './scheduler.js';
import { uploadScanJob } from '../../uploads/scan-job.js';
import { expiredDraftsJob } from '../../forms/draft-expiry.js';

/** The jobs every deployment runs. Later features add theirs here. */
export function standardJobs(platform: Knex, mail: MailWorker, registry: TenantRegistry): Job[] {
  return [
    { name: 'mail:send', schedule: '*/5 * * * * *', once: false, run: () => mail.drain() },
    { name: 'tenants:reload', schedule: '*/30 * * * * *', once: false, run: () => registry.reload(platform) },
    {
      name: 'sessions:clean',
      schedule: '0 */10 * * * *',
      once: true,
      run: () => platform('sessions').where('expires_at', '<', new Date()).delete(),
    },
    uploadScanJob(platform),
    expiredDraftsJob(platform),
    {
      name: 'job-runs:clean',
      schedule: '0 0 3 * * *',
      once: true,
      run: () => platform('job_runs').where('slot', '<', platform.raw("now() - interval '7 days'")).delete(),
    },
  ];
}
