import { tenantSchema, type TenantConfig } from './schema.js';

/**
 * Checks that need something outside the config: the form library, for one.
 * Returns problems worded like `tenants/<slug>/tenant.json: forms.0.form: …`
 * (the forms library's `checkEnabledForms` has exactly this shape). Passed in
 * by the caller, so tenancy never imports the forms domain.
 */
export type FormCheck = (configs: TenantConfig[]) => string[];

/** One thing wrong with a council's config: where (a dotted path, or "" for the whole) and what. */
export interface ConfigProblem {
  path: string;
  message: string;
  /** The check's own line, naming its file (form library problems), shown as it is in a terminal. */
  line?: string;
}

export type Validation = { ok: true; config: TenantConfig } | { ok: false; problems: ConfigProblem[]; config?: TenantConfig };

/** `tenants/x/tenant.json: forms.0.form: "y" is not in …` → { path: "forms.0.form", message: "\"y\" is not in …" }. */
export function problemFromLine(line: string): ConfigProblem {
  const match = line.match(/^[^:]*tenant\.json: ([\w.]+|\(root\)): (.*)$/s);
  if (match) return { path: match[1] === '(root)' ? '' : match[1]!, message: match[2]!, line };
  return { path: 'forms', message: line, line };
}

export interface ValidationContext {
  checkForms: FormCheck;
  /** The council using a host name already, if another one does. */
  hostOwner?: (host: string) => string | undefined;
}

/**
 * The one validation of a council's config: the zod schema (with its own
 * cross-checks), host names not used by another council, every enabled form in
 * the library. The database's constraints are the last word when saving.
 */
export function validateTenantConfig(data: unknown, context: ValidationContext): Validation {
  const parsed = tenantSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  }
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  config.hostnames.forEach((host, i) => {
    if (seen.has(host)) problems.push({ path: `hostnames.${i}`, message: `"${host}" is listed twice` });
    seen.add(host);
    const owner = context.hostOwner?.(host);
    if (owner && owner !== config.slug) problems.push({ path: 'hostnames', message: `"${host}" is already used by ${owner}` });
  });
  problems.push(...context.checkForms([config]).map(problemFromLine));
  return problems.length ? { ok: false, problems, config } : { ok: true, config };
}

/** "path: message" lines for people reading a terminal, each prefixed with the file. */
export function problemLines(file: string, problems: ConfigProblem[]): string[] {
  return problems.map((p) => p.line ?? `${file}: ${p.path || '(root)'}: ${p.message}`);
}
