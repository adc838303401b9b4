import { loadConfig } from '../../platform/config.js';
import { connect } from '../../platform/db/connections.js';
import { migrateLatest } from '../../platform/db/migrate.js';
import { FormLibrary } from '../../forms/library.js';
import { storeLibraryVersions } from '../../forms/definitions.js';

const config = loadConfig(process.env, 'command');
if (!config.DATABASE_OWNER_URL) {
  console.error('DATABASE_OWNER_URL is not set. With the embedded database, `npm start` runs migrations itself.');
  process.exit(1);
}
const owner = connect(config.DATABASE_OWNER_URL, 1);
try {
  const applied = await migrateLatest(owner);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} finally {
  await owner.destroy();
}
// New versions of the form library are written by the platform role (also done by tenants:sync and at start-up).
if (config.DATABASE_PLATFORM_URL) {
  const platform = connect(config.DATABASE_PLATFORM_URL, 1);
  try {
    const versions = await storeLibraryVersions(platform, FormLibrary.load().all());
    console.log(versions.length ? `Stored form versions: ${versions.map((v) => `${v.form_id} v${v.version}`).join(', ')}` : 'Form definitions unchanged.');
  } finally {
    await platform.destroy();
  }
}
