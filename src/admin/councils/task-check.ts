import { tenantSchema, type TenantConfig } from '../../tenancy/schema.js';
import type { DraftConfig } from './drafts.js';
import { bilingual, type FieldProblem, type FieldSpec, type FormValues, type Task, type TaskContext } from './tasks/task.js';

export type TaskStatus = 'completed' | 'inProgress' | 'notStarted' | 'notNeeded';

/** Every English text without its Welsh, as paths from `at`. */
function missingWelsh(value: unknown, at: string[]): string[][] {
  if (!value || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  const here = typeof obj.en === 'string' && !(typeof obj.cy === 'string' && obj.cy) ? [at] : [];
  return [...here, ...Object.entries(obj).flatMap(([k, v]) => missingWelsh(v, [...at, k]))];
}

/** Problems of the task's fields in `config`, by the tenant schema field by field (and Welsh for a bilingual council). */
function fieldIssues(task: Task, config: DraftConfig): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  for (const field of task.fields) {
    const schema = tenantSchema.shape[field];
    const result = schema.safeParse(config[field]);
    if (!result.success) for (const issue of result.error.issues) issues.push({ path: [field, ...issue.path.map(String)], message: issue.message });
    else if (bilingual(config)) for (const path of missingWelsh(config[field], [field])) issues.push({ path: [...path, 'cy'], message: 'admin.console.errors.welshMissing' });
  }
  return issues;
}

export function taskStatus(task: Task, draft: DraftConfig): TaskStatus {
  if (task.applies && !task.applies(draft)) return 'notNeeded';
  if (task.fields.every((f) => draft[f] === undefined)) return 'notStarted';
  return fieldIssues(task, draft).length ? 'inProgress' : 'completed';
}

/** A locale key for a schema message people can act on. */
function friendly(message: string): string {
  if (message.startsWith('admin.')) return message;
  if (/>=1 characters|received undefined|>=1 items/.test(message)) return 'admin.console.errors.required';
  if (/email/i.test(message)) return 'admin.console.errors.email';
  if (/received NaN|expected number/.test(message)) return 'admin.console.errors.wholeNumber';
  return 'admin.console.errors.schema';
}

/** The form field an issue at `path` belongs to: the longest field name that matches the path's end, else the first field. */
function fieldFor(path: string[], layout: FieldSpec[]): string {
  const names = layout.filter((f) => f.kind !== 'heading').map((f) => f.name);
  for (let start = 0; start < path.length; start++) {
    for (let end = path.length; end > start; end--) {
      const candidate = path.slice(start, end).join('.');
      if (names.includes(candidate)) return candidate;
    }
  }
  return names[0] ?? 'form';
}

/**
 * Applies a task's form to the draft: its own checks, then the tenant schema for
 * the fields it writes. Returns the new draft, or the problems (and nothing changes).
 */
export function applyTask(task: Task, form: FormValues, ctx: TaskContext): { draft?: DraftConfig; problems: FieldProblem[] } {
  const result = task.fromForm(form, ctx);
  if (result.problems.length) return { problems: result.problems };
  const draft: DraftConfig = { ...ctx.draft, ...result.values };
  const layout = task.layout(ctx);
  const problems = fieldIssues(task, draft).map((issue) => ({
    name: fieldFor(issue.path, layout),
    message: friendly(issue.message),
    values: { field: issue.path.join('.'), problem: issue.message },
  }));
  // One message per field is enough.
  const seen = new Set<string>();
  const unique = problems.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
  return unique.length ? { problems: unique } : { draft, problems: [] };
}

/** The config of a draft where every task is done, for the whole-config validation. */
export const asConfigInput = (draft: DraftConfig): Partial<TenantConfig> => draft;
