import { access } from 'node:fs/promises';
import type { Knex } from 'knex';
import { audit } from '../platform/audit.js';
import { inTenant } from '../platform/db/tenant-context.js';
import type { Job } from '../platform/jobs/scheduler.js';
import type { UploadRow } from './service.js';
import { currentUploadSettings, type UploadSettings } from './settings.js';
import { removeStored, storedPath } from './storage.js';

export interface ScanRun {
  clean: number;
  infected: number;
  /** Still waiting: clamd was down or stopped answering. */
  waiting: boolean;
}

const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * Scans the files that were kept "pending" because clamd did not answer, oldest
 * first, one row-locked transaction each (`for update skip locked`, so replicas
 * share the queue), on the platform connection across councils. Stops as soon
 * as clamd fails again. Infected files are deleted from storage at once.
 */
export async function scanPendingUploads(platform: Knex, settings: UploadSettings = currentUploadSettings(), limit = 100): Promise<ScanRun> {
  const run: ScanRun = { clean: 0, infected: 0, waiting: false };
  if (!(await settings.scanner.isAvailable())) return { ...run, waiting: true };
  for (let i = 0; i < limit; i++) {
    const next = await platform.transaction(async (trx) => {
      const upload = (await trx('uploads')
        .where({ status: 'pending' })
        .whereNull('deleted_at')
        .orderBy('created_at')
        .forUpdate()
        .skipLocked()
        .first()) as UploadRow | undefined;
      if (!upload) return 'done';
      const file = storedPath(settings, upload.tenant_id, upload.storage_key);
      const row = trx('uploads').where({ tenant_id: upload.tenant_id, id: upload.id });
      if (!(await exists(file))) {
        await row.update({ deleted_at: new Date(), scan_result: 'file missing from storage' });
        return 'next';
      }
      const verdict = await settings.scanner.scanFile(file);
      if (verdict.status === 'unavailable') {
        await row.update({ scan_attempts: upload.scan_attempts + 1, scan_result: verdict.reason });
        return 'stop';
      }
      const infected = verdict.status === 'infected';
      if (infected) await removeStored(settings, upload.tenant_id, upload.storage_key);
      await row.update({
        status: verdict.status,
        scan_result: infected ? verdict.virus : 'OK',
        scan_attempts: upload.scan_attempts + 1,
        scanned_at: new Date(),
      });
      await inTenant(trx, upload.tenant_id, () =>
        audit(infected ? 'upload.infected' : 'upload.scanned', {
          subjectType: 'upload',
          subjectId: upload.id,
          details: { responseId: upload.response_id, fileName: upload.file_name, ...(infected ? { virus: verdict.virus } : {}) },
        }),
      );
      run[infected ? 'infected' : 'clean']++;
      return 'next';
    });
    if (next === 'done') break;
    if (next === 'stop') {
      run.waiting = true;
      break;
    }
  }
  return run;
}

/** Every replica looks for waiting files every 30 seconds; row locks keep them from scanning the same file. */
export function uploadScanJob(platform: Knex, settings?: UploadSettings): Job {
  return { name: 'uploads:scan', schedule: '*/30 * * * * *', once: false, run: () => scanPendingUploads(platform, settings) };
}
