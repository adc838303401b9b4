// "Files to follow a request": the source files a reader may have to open to
// follow one route, counted as the runtime imports reachable from the route's
// module (`import type` and type-only names are left out: they load nothing).
// What the composition root hands a route (services, the question-type
// registry) arrives as a value, not an import, so it is counted where the
// route module is wired, not in the route module.
import path from 'node:path';

/**
 * Budgets: the most files a reader may have to open to follow a request.
 * `starts` are the modules the request runs through; the first budget is the
 * route module alone (what it imports; the engine arrives as a service), the
 * second the whole request as wired by src/forms/routes.ts, so that the engine
 * does not quietly grow new dependencies (a new question type adds one file:
 * raise it on purpose).
 */
export const FOLLOW_BUDGETS = [
  { request: 'GET /forms/:responseId/steps/:stepId (route module)', starts: ['src/forms/step-routes.ts'], budget: 15 },
  { request: 'GET /forms/:responseId/steps/:stepId (with its guard and the forms engine)', starts: ['src/forms/step-routes.ts', 'src/forms/response-scope.ts', 'src/forms/form-steps.ts'], budget: 75 },
];

/** Runtime imports of a source: value imports and re-exports, not `import type`, not names that are all `type`. */
export function runtimeImportsOf(file, text) {
  const found = [];
  const pattern = /(?:^|[\s;])(import|export)\s+(type\s+)?([^'"`;]*?)\s*from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s*['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[4] ?? m[5] ?? m[6];
    if (m[2]) continue;
    const names = m[3] ?? '';
    const braces = /^\{([\s\S]*)\}$/.exec(names.trim());
    if (braces && braces[1].split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '))) continue;
    found.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return found;
}

/**
 * The files reachable from `starts` through runtime imports, in `files` (a Map
 * from repository path to text). Returns them sorted.
 */
export function follow(files, starts) {
  const seen = new Set();
  const stack = [...starts];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file) || !files.has(file)) continue;
    seen.add(file);
    stack.push(...runtimeImportsOf(file, files.get(file)));
  }
  return [...seen].sort();
}

/** One line per request over its budget. */
export function checkFollowBudgets(files, budgets = FOLLOW_BUDGETS) {
  const problems = [];
  for (const { request, starts, budget } of budgets) {
    const missing = starts.filter((start) => !files.has(start));
    if (missing.length) {
      problems.push(`${request}: ${missing.join(', ')} not found — update FOLLOW_BUDGETS in scripts/lint/follow.mjs`);
      continue;
    }
    const reached = follow(files, starts);
    if (reached.length > budget) problems.push(`${request}: following it takes ${reached.length} files (budget ${budget}): ${reached.join(', ')} — give the route its services from the composition root instead of importing their implementation`);
  }
  return problems;
}
