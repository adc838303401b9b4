import { hostname } from 'node:os';
import type { Knex } from 'knex';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface Job {
  name: string;
  /** node-cron expression; six fields when seconds matter. */
  schedule: string;
  /** true: one run per tick across all replicas (claimed in job_runs). false: every replica runs it. */
  once: boolean;
  run(): Promise<unknown>;
}

const replica = `${hostname()}:${process.pid}`;

/** Claims this tick of `job` for this replica; false if another replica already has it. */
export async function claimRun(platform: Knex, job: string, slot: Date): Promise<boolean> {
  const rows = await platform('job_runs').insert({ job, slot, claimed_by: replica }).onConflict(['job', 'slot']).ignore().returning('job');
  return rows.length === 1;
}

export async function runJob(platform: Knex, job: Job, at: Date, log: Logger): Promise<boolean> {
  const slot = new Date(Math.floor(at.getTime() / 1000) * 1000);
  if (job.once && !(await claimRun(platform, job.name, slot))) return false;
  try {
    await job.run();
    if (job.once) await platform('job_runs').where({ job: job.name, slot }).update({ finished_at: new Date() });
  } catch (err) {
    log.error({ err, job: job.name }, 'job failed');
    if (job.once) await platform('job_runs').where({ job: job.name, slot }).update({ finished_at: new Date(), error: String((err as Error).message).slice(0, 500) });
  }
  return true;
}

export function startJobs(platform: Knex, jobs: Job[], log: Logger): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(job.schedule, (context) => runJob(platform, job, context.date, log), { name: job.name, noOverlap: true }),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
    },
  };
}

/** Forgets job runs older than a week. */
export async function cleanJobRuns(platform: Knex): Promise<void> {
  await platform('job_runs').where('slot', '<', platform.raw("now() - interval '7 days'")).delete();
}
