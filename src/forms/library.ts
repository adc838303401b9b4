import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TenantConfig } from '../tenancy/schema.js';
import { formDefinitionSchema, type FormDefinition } from './definition.js';

/** The shared library of form definitions that councils enable in their tenant.json "forms". */
export const FORMS_LIBRARY_DIR = path.resolve(import.meta.dirname, '../../tenants/_library/forms');

interface Library {
  forms: Map<string, FormDefinition>;
  problems: string[];
}

const shown = (file: string) => path.relative(process.cwd(), file);

/** Reads and validates every <id>.json in the library; each problem names the file and the path inside it. */
export function readFormLibrary(dir = FORMS_LIBRARY_DIR): Library {
  const forms = new Map<string, FormDefinition>();
  const problems: string[] = [];
  if (!existsSync(dir)) return { forms, problems: [`${shown(dir)}: the form library folder is missing`] };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${shown(file)}: ${(err as Error).message}`);
      continue;
    }
    const result = formDefinitionSchema.safeParse(data);
    if (!result.success) {
      problems.push(...result.error.issues.map((issue) => `${shown(file)}: ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`));
      continue;
    }
    if (`${result.data.id}.json` !== name) problems.push(`${shown(file)}: id: must equal the file name "${name.replace(/\.json$/, '')}"`);
    forms.set(result.data.id, result.data);
  }
  return { forms, problems };
}

/** Paths of texts that have English but no Welsh. */
function missingWelsh(value: unknown, at: (string | number)[] = []): string[] {
  if (!value || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  const here = typeof obj.en === 'string' && typeof obj.cy !== 'string' ? [at.join('.')] : [];
  return [...here, ...Object.entries(obj).flatMap(([k, v]) => missingWelsh(v, [...at, Array.isArray(obj) ? Number(k) : k]))];
}

/**
 * Every form a council enables exists in the library, parses, belongs to the
 * service the council names, and (for a bilingual council) has every text in Welsh.
 */
export function checkEnabledForms(configs: TenantConfig[], dir = FORMS_LIBRARY_DIR): string[] {
  const library = readFormLibrary(dir);
  const problems = [...library.problems];
  for (const config of configs) {
    const tenantFile = `tenants/${config.slug}/tenant.json`;
    config.forms.forEach((enabled, i) => {
      const file = shown(path.join(dir, `${enabled.form}.json`));
      const form = library.forms.get(enabled.form);
      if (!form) {
        if (!library.problems.some((p) => p.startsWith(`${file}:`))) problems.push(`${tenantFile}: forms.${i}.form: "${enabled.form}" is not in ${shown(dir)}`);
        return;
      }
      if (form.service !== enabled.service) problems.push(`${tenantFile}: forms.${i}.service: the form "${enabled.form}" belongs to "${form.service}"`);
      if (config.languages.includes('cy')) {
        for (const where of missingWelsh(form)) problems.push(`${file}: ${where}: needs a Welsh text (cy) because ${config.slug} uses Welsh`);
      }
    });
  }
  return [...new Set(problems)];
}

/** The forms councils use, read and checked once (a broken library stops the start loudly). */
export class FormLibrary {
  private constructor(private readonly forms: Map<string, FormDefinition>) {}

  static load(dir = FORMS_LIBRARY_DIR): FormLibrary {
    const library = readFormLibrary(dir);
    if (library.problems.length) throw new Error(`Form library is invalid:\n  ${library.problems.join('\n  ')}`);
    return new FormLibrary(library.forms);
  }

  get(id: string): FormDefinition | undefined {
    return this.forms.get(id);
  }

  /** Every form of the library, by id. */
  all(): FormDefinition[] {
    return [...this.forms.values()];
  }
}
