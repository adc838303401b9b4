import type { Knex } from 'knex';
import { startJobs } from '../platform/jobs/scheduler.js';
import { createTransport, MailWorker } from '../platform/mail/worker.js';
import { jobTable } from './jobs.js';
import type { Services } from './services.js';

/**
 * The worker: sends the outbox's mail, scans waiting uploads, sweeps abandoned
 * ones, expires drafts and cleans sessions, on the platform role. Every replica
 * may run one; each job claims its tick, each work item its lease.
 */
export function startWorker(services: Services & { db: { platform: Knex } }): { stop(): Promise<void> } {
  const { config, db, registry, logger } = services;
  // Without SMTP (development only), sent emails stay readable at /_dev/mailbox.
  const keepContent = !config.SMTP_URL && config.NODE_ENV !== 'production';
  const mail = new MailWorker(db.platform, registry, createTransport(config.SMTP_URL), config.MAIL_FROM, logger, keepContent);
  return startJobs(db.platform, jobTable({ ...services, db }, mail), logger);
}
