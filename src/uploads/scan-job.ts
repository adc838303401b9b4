import type { Knex } from 'knex';
import { audit } from '../platform/audit.js';
import { afterCommit, db, inTenant } from '../platform/db/unit-of-work.js';
import type { Job } from '../platform/jobs/scheduler.js';
import type { UploadDeps } from './pipeline.js';
import type { UploadRow } from './queries.js';

export interface ScanRun {
  clean: number;
  infected: number;
  /** Still waiting: clamd was down or stopped answering. */
  waiting: boolean;
}

/** How long one replica may take to scan a file before another may try it. */
const LEASE = "interval '5 minutes'";

/**
 * Leases one pending file of one council (a single-row update keyed by tenant and
 * id, committed at once: no claim spans councils, so none spans Citus shards).
 */
async function lease(platform: Knex, candidate: { tenant_id: string; id: string }): Promise<UploadRow | undefined> {
  const [row] = await platform('uploads')
    .where({ tenant_id: candidate.tenant_id, id: candidate.id, status: 'pending' })
    .whereNull('deleted_at')
    .where((q) => q.whereNull('scan_lease_until').orWhere('scan_lease_until', '<', platform.fn.now()))
    .update({ scan_lease_until: platform.raw(`now() + ${LEASE}`), scan_attempts: platform.raw('scan_attempts + 1') })
    .returning('*');
  return row;
}

/**
 * Scans the files kept "pending" because clamd did not answer, oldest first. Each
 * is leased, then read from storage and scanned with no transaction open, then its
 * verdict written in a short unit of its council. Stops as soon as clamd fails
 * again. Infected files are removed from storage after the verdict commits.
 */
export async function scanPendingUploads(platform: Knex, deps: UploadDeps, limit = 100): Promise<ScanRun> {
  const run: ScanRun = { clean: 0, infected: 0, waiting: false };
  if (!(await deps.scanner.isAvailable())) return { ...run, waiting: true };
  const candidates: { tenant_id: string; id: string }[] = await platform('uploads')
    .where({ status: 'pending' })
    .whereNull('deleted_at')
    .where((q) => q.whereNull('scan_lease_until').orWhere('scan_lease_until', '<', platform.fn.now()))
    .orderBy('created_at')
    .limit(limit)
    .select('tenant_id', 'id');
  for (const candidate of candidates) {
    const upload = await lease(platform, candidate);
    if (!upload) continue;
    const stream = await deps.storage.get(upload.tenant_id, upload.storage_key);
    const verdict = stream ? await deps.scanner.scanStream(stream) : undefined;
    if (verdict?.status === 'unavailable') {
      await platform('uploads').where({ tenant_id: upload.tenant_id, id: upload.id }).update({ scan_result: verdict.reason, scan_lease_until: null });
      run.waiting = true;
      break;
    }
    await inTenant(platform, upload.tenant_id, async () => {
      // Still pending and not removed: a document removed while it was being scanned keeps no verdict.
      const row = (await db())('uploads').where({ id: upload.id, status: 'pending' }).whereNull('deleted_at');
      if (!verdict) {
        await row.update({ deleted_at: new Date(), scan_result: 'file missing from storage', scan_lease_until: null });
        return;
      }
      const infected = verdict.status === 'infected';
      const written = await row.update({ status: verdict.status, scan_result: infected ? verdict.virus : 'OK', scanned_at: new Date(), scan_lease_until: null });
      if (!written) return;
      if (infected) afterCommit(() => deps.storage.delete(upload.tenant_id, upload.storage_key));
      await audit(infected ? 'upload.infected' : 'upload.scanned', {
        actor: { type: 'system' },
        subjectType: 'upload',
        subjectId: upload.id,
        details: { responseId: upload.response_id, fileName: upload.file_name, ...(infected ? { virus: verdict.virus } : {}) },
      });
      run[infected ? 'infected' : 'clean']++;
    });
  }
  return run;
}

/** Every replica looks for waiting files every 30 seconds; leases keep them from scanning the same file. */
export function uploadScanJob(platform: Knex, deps: UploadDeps): Job {
  return { name: 'uploads:scan', schedule: '*/30 * * * * *', once: false, run: () => scanPendingUploads(platform, deps) };
}

/** Reservations older than this are abandoned uploads (a crash, a client that never finished). */
const ABANDONED_AFTER = "interval '1 hour'";

/**
 * Removes abandoned reservations with any bytes stored under their keys, one
 * council's row at a time. Returns how many were removed.
 */
export async function sweepReservations(platform: Knex, deps: Pick<UploadDeps, 'storage'>, limit = 500): Promise<number> {
  const abandoned: { tenant_id: string; id: string }[] = await platform('uploads')
    .where({ status: 'receiving' })
    .where('created_at', '<', platform.raw(`now() - ${ABANDONED_AFTER}`))
    .orderBy('created_at')
    .limit(limit)
    .select('tenant_id', 'id');
  let removed = 0;
  for (const { tenant_id: tenantId, id } of abandoned) {
    await inTenant(platform, tenantId, async () => {
      const [row] = await (await db())('uploads').where({ id, status: 'receiving' }).delete().returning('storage_key');
      if (!row) return;
      removed++;
      afterCommit(() => deps.storage.delete(tenantId, row.storage_key));
    });
  }
  return removed;
}

/** Every ten minutes, once across replicas. */
export function reservationSweepJob(platform: Knex, deps: Pick<UploadDeps, 'storage'>): Job {
  return { name: 'uploads:sweep-reservations', schedule: '0 */10 * * * *', once: true, run: () => sweepReservations(platform, deps) };
}
