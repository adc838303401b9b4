import { formDefinitionSchema, type FormDefinition } from './definition.js';
import { definitionHash, type StoredFormVersion } from './versions.js';

/** A form definition at one version. */
export interface VersionedForm {
  formId: string;
  version: number;
  hash: string;
  definition: FormDefinition;
}

/**
 * The definitions a portal can render: the latest version of each form (to
 * start new responses) and any older version (to show what was answered against it).
 */
export interface FormCatalogue {
  latest(formId: string): VersionedForm | undefined;
  at(formId: string, version: number): VersionedForm | undefined;
  /** The version numbers of a form, oldest first. */
  versions(formId: string): number[];
  formIds(): string[];
}

function parseStored(definition: unknown): unknown {
  if (typeof definition !== 'string') return definition;
  try {
    return JSON.parse(definition);
  } catch {
    return undefined;
  }
}

/** A catalogue over stored versions; rows that do not parse (or whose hash does not match) are named in `problems` and left out. */
export class StoredFormCatalogue implements FormCatalogue {
  private readonly forms = new Map<string, Map<number, VersionedForm>>();
  readonly problems: string[] = [];

  constructor(rows: Iterable<StoredFormVersion>) {
    for (const row of rows) {
      const where = `${row.form_id} version ${row.version}`;
      const data = parseStored(row.definition);
      if (definitionHash(data) !== row.hash) {
        this.problems.push(`${where}: the stored definition does not match its hash`);
        continue;
      }
      const parsed = formDefinitionSchema.safeParse(data);
      if (!parsed.success) {
        this.problems.push(...parsed.error.issues.map((i) => `${where}: ${i.path.join('.') || '(root)'}: ${i.message}`));
        continue;
      }
      if (parsed.data.id !== row.form_id) {
        this.problems.push(`${where}: the definition's id is "${parsed.data.id}"`);
        continue;
      }
      const versions = this.forms.get(row.form_id) ?? new Map<number, VersionedForm>();
      versions.set(row.version, { formId: row.form_id, version: row.version, hash: row.hash, definition: parsed.data });
      this.forms.set(row.form_id, versions);
    }
  }

  latest(formId: string): VersionedForm | undefined {
    const numbers = this.versions(formId);
    return numbers.length ? this.at(formId, numbers.at(-1)!) : undefined;
  }

  at(formId: string, version: number): VersionedForm | undefined {
    return this.forms.get(formId)?.get(version);
  }

  versions(formId: string): number[] {
    return [...(this.forms.get(formId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  formIds(): string[] {
    return [...this.forms.keys()].sort();
  }
}

/** A catalogue straight from the library files, each form at version 1: for use until versions are stored. */
export function libraryCatalogue(library: Iterable<FormDefinition>): FormCatalogue {
  return new StoredFormCatalogue([...library].map((definition) => ({ form_id: definition.id, version: 1, hash: definitionHash(definition), definition })));
}
