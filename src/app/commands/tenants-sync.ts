// npm run tenants:sync [-- --force]: import tenants/ into the database by the rule in src/tenancy/files.ts.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { runCommand } from './run.js';
import { TenantConfigService } from '../../tenancy/config-service.js';
import { TenantFileError } from '../../tenancy/load.js';
import { describeOutcomes, syncTenantFiles } from '../../tenancy/sync.js';
import { checkEnabledForms } from '../../admin/form-library.js';
import { openCommandDatabase } from './database.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } }, strict: true });
  const connection = await openCommandDatabase(loadConfig(), { importFiles: false });
  try {
    const service = new TenantConfigService(connection.platform, { checkForms: checkEnabledForms });
    const outcomes = await syncTenantFiles(service, connection.platform, checkEnabledForms, { force: values.force });
    console.log(describeOutcomes(outcomes).join('\n'));
    console.log(`Database: ${connection.description}.`);
    return outcomes.some((o) => o.action === 'kept') ? 2 : 0;
  } finally {
    await connection.close();
  }
}

runCommand(main, [TenantFileError, ConfigError]);
