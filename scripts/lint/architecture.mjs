// Architecture rules the type checker cannot see, as pure functions over file texts so tests can plant violations.
// 1. `src/platform` is the kernel: it imports no domain folder (only `src/i18n`, which holds no domain either).
// 2. No cycle between top-level folders of src/ (the composition root `src/app` may import everything; nothing imports it).
// 3. A table is named only inside the folder that owns it (TABLE_OWNERS); other folders call the owner's service.
// 4. The app role's pool is reached only through the unit of work: only src/app (which opens it and hands it to
//    inTenant) and src/platform/db name it (`db.app`) or open connections (`connections.js`, `embedded.js`).
import path from 'node:path';

/** Which top-level folder of src/ owns each table. Migrations create them; only the owner reads or writes them. */
export const TABLE_OWNERS = {
  accounts: 'accounts',
  addresses: 'accounts',
  email_secrets: 'accounts',
  work_roles: 'accounts',
  sessions: 'platform',
  audit_log: 'platform',
  rate_limits: 'platform',
  job_runs: 'platform',
  outbox: 'platform',
  messages: 'messages',
  children: 'people',
  child_links: 'people',
  child_search_tokens: 'people',
  form_responses: 'forms',
  form_requests: 'forms',
  form_versions: 'forms',
  form_definitions: 'forms',
  form_subjects: 'forms',
  form_intake: 'forms',
  send_assessments: 'send',
  uploads: 'uploads',
  tenants: 'tenancy',
  tenant_hostnames: 'tenancy',
  tenant_assets: 'tenancy',
  tenant_drafts: 'admin',
  tenant_revisions: 'tenancy',
  platform_admins: 'admin',
  platform_admin_sessions: 'admin',
  platform_admin_recovery_codes: 'admin',
  platform_audit_log: 'admin',
  platform_rate_limits: 'admin',
};

/** Folders the kernel may import: they hold no domain and import nothing but platform themselves. */
const KERNEL_FOLDERS = new Set(['platform', 'i18n']);
const ROOT_FOLDER = 'app';

const topFolder = (file) => file.split('/')[1];

/** Relative imports of a TypeScript source, resolved to paths like `src/forms/library.ts`'s folder. */
export function importsOf(file, text) {
  const found = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s*['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3];
    found.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
  }
  return found;
}

/** String literals (quotes or template text) of a source, without comments. */
function literalsOf(text) {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...noComments.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * Tables a source names: a call whose first argument is the table (`db('children')`, `.join('children as c', …)`)
 * or SQL text that reads or writes it (`from children`, `update children`).
 */
export function tablesNamedIn(text, tables = Object.keys(TABLE_OWNERS)) {
  const named = new Set();
  const literals = literalsOf(text);
  for (const table of tables) {
    const call = new RegExp(`\\(\\s*(['"\`])${table}(\\s+as\\s+\\w+)?\\1`, 'i');
    const sql = new RegExp(`\\b(from|join|into|update|table)\\s+"?${table}"?(?![\\w.:-])`, 'i');
    if (call.test(text) || literals.some((literal) => sql.test(literal))) named.add(table);
  }
  return [...named];
}

/** Strongly connected components of the folder graph with more than one folder (or a folder importing itself is ignored). */
function cyclesOf(graph) {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const cycles = [];
  const visit = (v) => {
    meta.set(v, { index, low: index, onStack: true });
    index += 1;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!meta.has(v)) visit(v);
  return cycles;
}

/**
 * Checks the rules over `files` (a Map from a repository path such as `src/forms/routes.ts` to its text).
 * Returns one readable line per problem.
 */
export function checkArchitecture(files, owners = TABLE_OWNERS) {
  const problems = [];
  const graph = new Map();
  const edges = new Map();
  for (const [file, text] of files) {
    if (!file.startsWith('src/') || !/\.(ts|mjs|js)$/.test(file)) continue;
    const from = topFolder(file);
    for (const target of importsOf(file, text)) {
      if (!target.startsWith('src/')) continue;
      const to = topFolder(target);
      if (to === from) continue;
      if (KERNEL_FOLDERS.has(from) && !KERNEL_FOLDERS.has(to)) problems.push(`${file}: src/${from} imports src/${to} — the kernel imports no domain; pass what it needs in from src/app`);
      if (to === ROOT_FOLDER) problems.push(`${file}: imports the composition root src/app — receive it as a dependency instead`);
      if (from === ROOT_FOLDER) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from).add(to);
      const key = `${from}>${to}`;
      if (!edges.has(key)) edges.set(key, file);
    }
    const poolPlace = from === ROOT_FOLDER || file.startsWith('src/platform/db/');
    if (!poolPlace && /\bdb\.app\b/.test(text)) problems.push(`${file}: names the app pool (db.app) — use db() inside the request's unit of work, or inTenant()`);
    if (!poolPlace && importsOf(file, text).some((target) => /^src\/platform\/db\/(connections|embedded)\.(js|ts)$/.test(target))) problems.push(`${file}: opens database connections — only src/app does`);
    for (const table of tablesNamedIn(text, Object.keys(owners))) {
      if (owners[table] !== from) problems.push(`${file}: names the table ${table}, which src/${owners[table]} owns — call its service`);
    }
  }
  for (const cycle of cyclesOf(graph)) {
    const examples = [];
    for (const a of cycle) for (const b of cycle) if (edges.has(`${a}>${b}`)) examples.push(`${a}→${b} (${edges.get(`${a}>${b}`)})`);
    problems.push(`folder cycle between ${cycle.map((f) => `src/${f}`).join(', ')}: ${examples.join('; ')}`);
  }
  return problems;
}

/** Tables that migrations create (`createTable('name'`) but TABLE_OWNERS does not give an owner. */
export function unownedTables(migrationTexts, owners = TABLE_OWNERS) {
  const created = new Set(migrationTexts.flatMap((text) => [...text.matchAll(/createTable\(\s*['"](\w+)['"]/g)].map((m) => m[1])));
  return [...created].filter((table) => !(table in owners)).map((table) => `migrations: the table ${table} has no owning folder — add it to TABLE_OWNERS in scripts/lint/architecture.mjs`);
}
