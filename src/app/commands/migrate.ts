import { loadConfig } from '../../platform/config.js';
import { connect } from '../../platform/db/connections.js';
import { migrateLatest } from '../../platform/db/migrate.js';

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
