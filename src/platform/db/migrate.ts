import type { Knex } from 'knex';
import { migrations } from '../../../migrations/index.js';

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

/** Brings the schema up to date. Runs as the owner role. */
export async function migrateLatest(owner: Knex): Promise<string[]> {
  const [, applied] = await owner.migrate.latest({ migrationSource: source });
  return applied as string[];
}
