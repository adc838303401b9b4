import type { Knex } from 'knex';
import { db, hasTenantScope } from '../platform/db/unit-of-work.js';
import { StoredFormCatalogue, type FormCatalogue, type VersionedForm } from './catalogue.js';
import type { FormDefinition } from './definition.js';
import { nextVersions, type NewFormVersion, type StoredFormVersion } from './versions.js';

/**
 * The stored versions of the library's form definitions (table `form_definitions`,
 * reference data shared by every council). The platform role writes a new
 * version when a library file changed (at start-up, `npm run migrate` and
 * `tenants:sync`); every process reads them into memory. A response records the
 * version it was started with and is always shown with that definition.
 */

const COLUMNS = ['form_id', 'version', 'hash', 'definition'] as const;

/** Serialises writers across replicas starting at once (any constant key). */
const WRITE_LOCK = 4_200_417;

/**
 * Stores a new version of each library form whose definition differs from its
 * latest stored one (version 1 for a new form). Returns the versions written.
 */
export async function storeLibraryVersions(platform: Knex, library: Iterable<FormDefinition>): Promise<NewFormVersion[]> {
  return platform.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [WRITE_LOCK]);
    const stored: StoredFormVersion[] = (await trx('form_definitions').select('form_id', 'version', 'hash')).map((r: Omit<StoredFormVersion, 'definition'>) => ({ ...r, definition: null }));
    const next = nextVersions(library, stored);
    for (const row of next) await trx('form_definitions').insert({ ...row, definition: JSON.stringify(row.definition) });
    return next;
  });
}

/** The forms portal pages use: every stored version, in memory; a version another process stored since is fetched when asked for. */
export class FormDefinitions implements FormCatalogue {
  private catalogue = new StoredFormCatalogue([]);

  static async load(pool: Knex): Promise<FormDefinitions> {
    const forms = new FormDefinitions();
    await forms.reload(pool);
    return forms;
  }

  /** Reads every stored version again (running replicas do this every 30 seconds). */
  async reload(pool: Knex | Knex.Transaction): Promise<void> {
    const rows: StoredFormVersion[] = await pool('form_definitions').select(...COLUMNS).orderBy(['form_id', 'version']);
    this.catalogue = new StoredFormCatalogue(rows);
  }

  /** Stored rows that could not be read (a definition that no longer parses); they are left out. */
  get problems(): readonly string[] {
    return this.catalogue.problems;
  }

  latest(formId: string): VersionedForm | undefined {
    return this.catalogue.latest(formId);
  }

  at(formId: string, version: number): VersionedForm | undefined {
    return this.catalogue.at(formId, version);
  }

  versions(formId: string): number[] {
    return this.catalogue.versions(formId);
  }

  formIds(): string[] {
    return this.catalogue.formIds();
  }

  /** The latest definition of a form: what a new response is started with, and its title in lists. */
  get(formId: string): FormDefinition | undefined {
    return this.latest(formId)?.definition;
  }

  /**
   * The definition a response was answered against. A version stored by
   * another process since this one loaded is read from the database (in the
   * request's unit of work) before giving up.
   */
  async of(response: { form_id: string; form_version: number }): Promise<FormDefinition | undefined> {
    const found = this.at(response.form_id, response.form_version);
    if (found || !hasTenantScope()) return found?.definition;
    const known = await (await db())('form_definitions').where({ form_id: response.form_id, version: response.form_version }).first('version');
    if (!known) return undefined;
    await this.reload(await db());
    return this.at(response.form_id, response.form_version)?.definition;
  }
}
