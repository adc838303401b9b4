import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { tenantSchema, type TenantConfig } from './schema.js';

export const TENANTS_DIR = path.resolve(import.meta.dirname, '../../tenants');

export class TenantFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Tenant configuration is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Validates one parsed tenant document; each problem names the file and the path inside it. */
export function parseTenant(file: string, data: unknown): { config?: TenantConfig; problems: string[] } {
  const result = tenantSchema.safeParse(data);
  if (result.success) return { config: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => `${file}: ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  return { problems };
}

/** Problems with the forms councils enable (the forms library checks them; given by the composition root). */
export type FormsCheck = (configs: TenantConfig[]) => string[];

/**
 * Reads every tenants/<slug>/tenant.json, collecting every problem before failing;
 * `checkForms` adds the problems with the forms each council enables.
 */
export async function loadTenantFiles(checkForms: FormsCheck, dir = TENANTS_DIR): Promise<TenantConfig[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const configs: TenantConfig[] = [];
  const problems: string[] = [];
  // Folders starting with "_" hold what councils share (the form library), not a council.
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('_')).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name, 'tenant.json');
    const shown = path.relative(process.cwd(), file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      problems.push(`${shown}: ${(err as Error).message}`);
      continue;
    }
    const parsed = parseTenant(shown, data);
    problems.push(...parsed.problems);
    if (parsed.config) {
      if (parsed.config.slug !== entry.name) problems.push(`${shown}: slug: must equal the folder name "${entry.name}"`);
      configs.push(parsed.config);
    }
  }
  const seen = new Map<string, string>();
  for (const c of configs) {
    for (const host of c.hostnames) {
      const other = seen.get(host);
      if (other) problems.push(`tenants/${c.slug}/tenant.json: hostnames: "${host}" is already used by ${other}`);
      seen.set(host, c.slug);
    }
  }
  problems.push(...checkForms(configs));
  if (problems.length) throw new TenantFileError(problems);
  return configs;
}
