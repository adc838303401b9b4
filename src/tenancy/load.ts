import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TenantConfig } from './schema.js';
import { problemLines, validateTenantConfig, type FormCheck } from './validate.js';
import { contentTypeOfLogo } from './assets.js';

export const TENANTS_DIR = path.resolve(import.meta.dirname, '../../tenants');

export class TenantFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Tenant configuration is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** A council as its folder holds it: tenants/<slug>/tenant.json and its logo. */
export interface TenantFile {
  config: TenantConfig;
  logo?: { bytes: Buffer; contentType: string };
}

/** The folders of tenants/ that are councils (those starting with "_" hold what councils share). */
export async function councilFolders(dir = TENANTS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Reads every tenants/<slug>/tenant.json with its logo, validating each with the
 * same checks as the console (schema, host names used once, enabled forms in the
 * library through `checkForms`), and collects every problem before failing.
 */
export async function loadTenantFiles(checkForms: FormCheck, dir = TENANTS_DIR): Promise<TenantFile[]> {
  const files: TenantFile[] = [];
  const problems: string[] = [];
  const hosts = new Map<string, string>();
  for (const name of await councilFolders(dir)) {
    const file = path.join(dir, name, 'tenant.json');
    const shown = path.relative(process.cwd(), file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      problems.push(`${shown}: ${(err as Error).message}`);
      continue;
    }
    const result = validateTenantConfig(data, { checkForms, hostOwner: (host) => hosts.get(host) });
    if (!result.ok) problems.push(...problemLines(shown, result.problems));
    const config = result.config;
    if (!config) continue;
    if (config.slug !== name) problems.push(`${shown}: slug: must equal the folder name "${name}"`);
    for (const host of config.hostnames) if (!hosts.has(host)) hosts.set(host, config.slug);
    let logo: TenantFile['logo'];
    if (config.brand.logo) {
      const logoFile = path.join(dir, name, config.brand.logo);
      if (existsSync(logoFile)) logo = { bytes: await readFile(logoFile), contentType: contentTypeOfLogo(config.brand.logo) };
      else problems.push(`${shown}: brand.logo: there is no file ${path.relative(process.cwd(), logoFile)}`);
    }
    if (result.ok) files.push({ config, logo });
  }
  if (problems.length) throw new TenantFileError(problems);
  return files;
}
