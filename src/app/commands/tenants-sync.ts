// npm run tenants:sync [-- --force]: import tenants/ into the database by the rule in src/tenancy/files.ts,
// and store a new version of each library form whose definition changed.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { runCommand } from './run.js';
import { TenantConfigService } from '../../tenancy/config-service.js';
import { TenantFileError } from '../../tenancy/load.js';
import { describeOutcomes, syncTenantFiles } from '../../tenancy/sync.js';
import { checkEnabledForms } from '../../admin/form-library.js';
import { FormLibrary } from '../../forms/library.js';
import { storeLibraryVersions } from '../../forms/definitions.js';
import { openCommandDatabase } from './database.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } }, strict: true });
  const connection = await openCommandDatabase(loadConfig(process.env, 'command'), { importFiles: false });
  try {
    const service = new TenantConfigService(connection.platform, { checkForms: checkEnabledForms });
    const outcomes = await syncTenantFiles(service, connection.platform, checkEnabledForms, { force: values.force });
    console.log(describeOutcomes(outcomes).join('\n'));
    const versions = await storeLibraryVersions(connection.platform, FormLibrary.load().all());
    console.log(versions.length ? `Stored form versions: ${versions.map((v) => `${v.form_id} v${v.version}`).join(', ')}` : 'Form definitions unchanged.');
    console.log(`Database: ${connection.description}.`);
    return outcomes.some((o) => o.action === 'kept') ? 2 : 0;
  } finally {
    await connection.close();
  }
}

runCommand(main, [TenantFileError, ConfigError]);
