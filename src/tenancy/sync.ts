import type { Knex } from 'knex';
import type { TenantConfigService } from './config-service.js';
import { importTenantFiles, type ImportOutcome } from './files.js';
import { loadTenantFiles, TENANTS_DIR } from './load.js';
import type { FormCheck } from './validate.js';

/**
 * `tenants:sync` and start-up: validates every file in tenants/ (all problems
 * at once, TenantFileError) and imports them by the rule in files.ts.
 */
export async function syncTenantFiles(service: TenantConfigService, platform: Knex, checkForms: FormCheck, options: { force?: boolean; dir?: string } = {}): Promise<ImportOutcome[]> {
  const files = await loadTenantFiles(checkForms, options.dir ?? TENANTS_DIR);
  return importTenantFiles(service, platform, files, { force: options.force });
}

/** One line per council for a terminal or a log: what happened and, when kept, which fields differ. */
export function describeOutcomes(outcomes: ImportOutcome[]): string[] {
  return outcomes.map((o) => {
    const fields = o.differences.map((d) => d.path).join(', ');
    switch (o.action) {
      case 'kept':
        return `${o.slug}: kept (changed in the console; the file differs in ${fields}). Use --force to overwrite it from the file.`;
      case 'forced':
        return `${o.slug}: overwritten from the file (--force), revision ${o.revision}; fields: ${fields}`;
      case 'created':
        return `${o.slug}: created, revision ${o.revision}`;
      case 'updated':
        return `${o.slug}: updated from the file, revision ${o.revision}; fields: ${fields}`;
      default:
        return `${o.slug}: unchanged`;
    }
  });
}
