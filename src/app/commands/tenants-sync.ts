import { loadConfig } from '../../platform/config.js';
import { connect } from '../../platform/db/connections.js';
import { checkEnabledForms, FormLibrary } from '../../forms/library.js';
import { storeLibraryVersions } from '../../forms/definitions.js';
import { loadTenantFiles } from '../../tenancy/load.js';
import { syncTenants } from '../../tenancy/sync.js';

const config = loadConfig();
if (!config.DATABASE_PLATFORM_URL) {
  console.error('DATABASE_PLATFORM_URL is not set. With the embedded database, `npm start` syncs tenants itself.');
  process.exit(1);
}
const platform = connect(config.DATABASE_PLATFORM_URL, 1);
try {
  const slugs = await syncTenants(platform, await loadTenantFiles((configs) => checkEnabledForms(configs)));
  console.log(`Synced ${slugs.length} tenants: ${slugs.join(', ')}`);
  const versions = await storeLibraryVersions(platform, FormLibrary.load().all());
  console.log(versions.length ? `Stored form versions: ${versions.map((v) => `${v.form_id} v${v.version}`).join(', ')}` : 'Form definitions unchanged.');
} finally {
  await platform.destroy();
}
